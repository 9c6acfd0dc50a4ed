import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Client } from '../../domain/types.js';
import { RateLimitedError, UnsupportedTokenTypeError } from '../../errors/index.js';
import { metricsOf } from '../../metrics/metrics.js';
import type { ClientRateLimit } from '../authn_rate_limits.js';
import { authenticateClient } from '../client_auth/authenticate_client.js';
import { logClientAuthFailure } from '../client_auth/client_auth_failure_log.js';
import { readClientCredentials } from '../client_auth/client_credentials.js';
import { outcomeCode } from '../events/outcome_code.js';
import { recordRequestEvent } from '../../http/request_log_event.js';
import { readRequestParams, requireParam } from '../token_endpoint/request_params.js';
import { encryptedTokenKid } from '../tokens/encrypted_access_token.js';
import { revokeRefreshToken } from '../tokens/refresh_tokens.js';

/** What this file reads of the app's dependencies. */
type RevokeDeps = Pick<AppDeps, 'store' | 'sealer' | 'logger' | 'metrics'>;

/** A compact JWS: what fitgate's Management API access tokens look like. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** fitgate's access tokens: a user's opaque token (a JWE) or a Management API JWT; refresh tokens are neither. */
function isAccessToken(token: string): boolean {
  return encryptedTokenKid(token) !== undefined || JWT_SHAPE.test(token);
}

/**
 * RFC 7009 token revocation, for refresh tokens. The client authenticates as at /oauth/token and may
 * revoke only its own tokens; revoking one revokes its whole grant, access tokens included. An
 * unknown token (or another client's) still gets 200 (§2.2), so the endpoint says nothing about which
 * tokens exist. Access tokens are self-contained (encrypted or signed) and cannot be recalled one by one, so they are
 * refused with unsupported_token_type (§2.2.1); they expire on their own (24 hours by default). The client's rate limit is
 * spent once it has authenticated, from the budget it has at /oauth/token. A failed client
 * authentication is logged to the process log as at /oauth/token (client_auth_failure_log.ts).
 */
export function revokeEndpoint(deps: RevokeDeps, limitClient: ClientRateLimit): RequestHandler {
  const metrics = metricsOf(deps);
  return async (req: Request, res: Response) => {
    try {
      await revoke(deps, limitClient, req, res);
      metrics.authn.revocation(req.context.tenant.name, 'success');
    } catch (error) {
      // As at /oauth/token, a rate-limit refusal is counted by fitgate_rate_limit_refusals_total alone.
      if (!(error instanceof RateLimitedError)) metrics.authn.revocation(req.context.tenant.name, outcomeCode(error));
      throw error;
    }
  };
}

async function revoke(deps: RevokeDeps, limitClient: ClientRateLimit, req: Request, res: Response): Promise<void> {
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  const params = readRequestParams(req.body);
  const client = await authenticateRevokingClient(deps, req, params);
  await limitClient(req, res, client);
  const token = requireParam(params, 'token');

  const revoked = await revokeRefreshToken(deps.store.ephemeral, req.context.tenant.name, client.clientId, token);
  if (!revoked && isAccessToken(token)) {
    throw new UnsupportedTokenTypeError('access tokens cannot be revoked; revoke the refresh token of their grant');
  }
  if (revoked) {
    await recordRequestEvent(deps, req, {
      type: 'srrt',
      description: 'Refresh token revoked by its client',
      clientId: client.clientId,
      clientName: client.name,
      userId: revoked.userId,
    });
  }
  res.status(200).end();
}

/** The client the request authenticates as; a failure is logged (client_auth_failure_log.ts) and thrown. */
async function authenticateRevokingClient(deps: RevokeDeps, req: Request, params: Readonly<Record<string, string>>): Promise<Client> {
  let clientId = params.client_id;
  try {
    const credentials = readClientCredentials(req.headers.authorization, params);
    clientId = credentials.clientId;
    return await authenticateClient(deps.store.clients, req.context.tenant.name, credentials);
  } catch (error) {
    logClientAuthFailure(req, '/oauth/revoke', clientId, error);
    throw error;
  }
}

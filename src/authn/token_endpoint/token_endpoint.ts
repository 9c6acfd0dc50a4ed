import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { RateLimitedError } from '../../errors/index.js';
import { TOKEN_VAULT_GRANT_TYPE } from '../../domain/grant_types.js';
import type { TokenVault } from '../../domain/token_vault.js';
import { metricsOf } from '../../metrics/metrics.js';
import type { ClientRateLimit } from '../authn_rate_limits.js';
import { outcomeCode } from '../events/outcome_code.js';
import { authenticateClient } from '../client_auth/authenticate_client.js';
import { logClientAuthFailure } from '../client_auth/client_auth_failure_log.js';
import { readClientCredentials } from '../client_auth/client_credentials.js';
import { tenantKeysFor } from '../keys/tenant_keys.js';
import { checkGrantTypeAllowed, checkGrantTypeSupported } from './check_grant_type.js';
import { authorizationCodeGrant } from './grants/authorization_code.js';
import { clientCredentialsGrant } from './grants/client_credentials.js';
import { refreshTokenGrant } from './grants/refresh_token.js';
import { tokenVaultGrant } from './grants/token_vault.js';
import { readRequestParams } from './request_params.js';
import { logTokenExchange } from './token_log.js';
import type { GrantOutcome, SupportedGrantType, TokenRequest } from './token_request.js';

type Grants = Readonly<Record<SupportedGrantType, (request: TokenRequest) => Promise<GrantOutcome>>>;

/** Each grant's handler; Token Vault reads users' upstream tokens through the app's one vault. */
function grantsWith(vault: TokenVault): Grants {
  return {
    authorization_code: authorizationCodeGrant,
    refresh_token: refreshTokenGrant,
    client_credentials: clientCredentialsGrant,
    [TOKEN_VAULT_GRANT_TYPE]: tokenVaultGrant(vault),
  };
}

/**
 * POST /oauth/token (RFC 6749 §3.2), read top to bottom: parse the body, name the grant, authenticate
 * the client, spend its rate limit, check the client may use that grant, run the grant. Every step
 * throws an OAuthError, which the error handler answers as RFC 6749 JSON; every outcome of a known
 * grant is logged with Auth0's event code, and a failed client authentication in the process log too.
 */
export function tokenEndpoint(deps: AppDeps, limitClient: ClientRateLimit, vault: TokenVault): RequestHandler {
  const keys = tenantKeysFor(deps);
  const grants = grantsWith(vault);
  const metrics = metricsOf(deps);
  return async (req: Request, res: Response) => {
    // RFC 6749 §5.1: token responses, errors included, must never be cached.
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const params = readRequestParams(req.body);
    const grantType = checkGrantTypeSupported(params);
    let clientId = params.client_id;
    try {
      const credentials = readClientCredentials(req.headers.authorization, params);
      clientId = credentials.clientId;
      const client = await authenticateClient(deps.store.clients, req.context.tenant.name, credentials);
      await limitClient(req, res, client);
      checkGrantTypeAllowed(client, grantType);

      const outcome = await grants[grantType]({ deps, keys, context: req.context, params, client, grantType });
      await logTokenExchange(deps, req, { grantType, client, outcome });
      metrics.authn.tokenExchange(req.context.tenant.name, outcome.connection ?? '', grantType, 'success');
      res.json(outcome.body);
    } catch (error) {
      // A refusal by the rate limit is no exchange: fitgate_rate_limit_refusals_total counts it, and
      // a log event each would let a client past its limit flood the tenant's log.
      if (error instanceof RateLimitedError) throw error;
      logClientAuthFailure(req, '/oauth/token', clientId, error);
      await logTokenExchange(deps, req, { grantType, clientId, error });
      metrics.authn.tokenExchange(req.context.tenant.name, '', grantType, outcomeCode(error));
      throw error;
    }
  };
}

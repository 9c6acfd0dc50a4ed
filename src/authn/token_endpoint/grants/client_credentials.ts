import { randomUUID } from 'node:crypto';
import { isPublicClient } from '../../../domain/client_confidentiality.js';
import { holdsManagementGrant } from '../../../domain/clients.js';
import { AccessDeniedError, UnauthorizedClientError } from '../../../errors/index.js';
import { managementApiAudience } from '../../../domain/tenants.js';
import { issueAccessToken } from '../../tokens/access_token.js';
import { checkAudience } from '../../tokens/audience_check.js';
import { requireParam } from '../request_params.js';
import type { GrantOutcome, TokenRequest } from '../token_request.js';
import { narrowScope } from './narrow_scope.js';

/**
 * RFC 6749 §4.4 for machine-to-machine clients. The only API a tenant serves is its Management API,
 * so `audience` must be `${tenantUrl}/api/v2/`; the token carries the client's managementScopes, or
 * the subset it asks for (none, for a grant that holds no scope). The answers mirror Auth0's
 * (access_denied for an unknown API or a client without a grant to it).
 */
export async function clientCredentialsGrant(request: TokenRequest): Promise<GrantOutcome> {
  const { keys, context, client, params } = request;
  if (isPublicClient(client)) throw new UnauthorizedClientError('a public client cannot use client_credentials');

  checkAudience(context.tenantUrl, 'client', requireParam(params, 'audience'));
  const managementApi = managementApiAudience(context.tenantUrl);
  if (!holdsManagementGrant(client)) {
    throw new AccessDeniedError(
      `Client is not authorized to access "${managementApi}": authorize it on its page in the dashboard, under Management API, ` +
        'or with POST /api/v2/client-grants',
    );
  }
  const scope = narrowScope(client.managementScopes, params.scope, notGranted);

  const accessToken = await issueAccessToken(keys, {
    tenant: context.tenant,
    tenantUrl: context.tenantUrl,
    subject: `${client.clientId}@clients`,
    clientId: client.clientId,
    // A single string, as in Auth0's machine-to-machine tokens (a user's token lists its audiences).
    audience: managementApi,
    scope,
    // Each token is its own grant: nothing else is issued with it and nothing refreshes it.
    grantId: randomUUID(),
    grantType: 'client-credentials',
  });
  return {
    body: { access_token: accessToken.token, token_type: 'Bearer', expires_in: accessToken.expiresIn, scope: scope.join(' ') },
  };
}

/**
 * A scope beyond the client grant, refused as Auth0 refuses it: 403 access_denied "Client has not
 * been granted scopes: …" (a refresh answers RFC 6749's invalid_scope), so that scripts written
 * against Auth0 read the same answer.
 */
function notGranted(extra: readonly string[]): Error {
  return new AccessDeniedError(`Client has not been granted scopes: ${extra.join(' ')}`);
}

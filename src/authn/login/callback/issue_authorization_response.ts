import type { AppDeps } from '../../../app_deps.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { idTokenLifetimeOf } from '../../../domain/token_lifetimes.js';
import type { Tenant, User } from '../../../domain/types.js';
import type { ClientRedirectParams } from '../authorize/client_redirect.js';
import { returnsCode, returnsIdToken } from '../authorize/response_types.js';
import type { ClientDestination } from '../authorize/send_client_response.js';
import { tenantKeysFor } from '../../keys/tenant_keys.js';
import type { PendingAuthorization } from '../login_transaction.js';
import { issueIdToken } from '../../tokens/id_token.js';
import { issuerOf } from '../../../domain/tenants.js';
import { issueAuthorizationCode } from '../../codes/issue_code.js';
import { consentGrantIdOf } from '../../../domain/user_grants.js';

/**
 * What a finished login sends the client, per its response type: a code, an id_token, or both
 * (the hybrid flow, where the id_token carries the code's c_hash). The front-channel id_token always
 * carries the request's nonce (check_nonce requires one) and the profile claims the scopes allow,
 * since no access token comes with it (OpenID Connect Core §5.4), and lives as long as the client's
 * jwt_configuration says, like the one /oauth/token issues. Both carry the login session's id
 * (`sid`, login_session.ts): the code keeps it for the id_token and refresh tokens issued from it.
 * `where` is the host of /authorize (the callback's is the same: the upstream returns to the host
 * the login left from, and only that host's pending-login cookie names the login); the code keeps
 * its tenant URL, so the tokens redeemed from it carry the issuer of the front-channel answer.
 */
export async function issueAuthorizationResponse(
  deps: Pick<AppDeps, 'store' | 'sealer'>,
  where: { tenant: Tenant; tenantUrl: string },
  request: PendingAuthorization,
  login: { user: User; authTime: number; sid: string },
): Promise<ClientRedirectParams> {
  const responseType = request.responseType ?? 'code';
  const code = returnsCode(responseType)
    ? await issueAuthorizationCode(deps.store.ephemeral, request, {
        userId: login.user.userId,
        userCreatedAt: login.user.createdAt,
        authTime: login.authTime,
        sid: login.sid,
        tenantUrl: where.tenantUrl,
        consentGrantId: consentGrantIdOf(login.user, request.clientId),
      })
    : undefined;
  const client = returnsIdToken(responseType) ? await deps.store.clients.get(request.tenant, request.clientId) : undefined;
  if (returnsIdToken(responseType) && !client) throw new InvalidRequestError('The application no longer exists.');
  const idToken = client
    ? await issueIdToken(tenantKeysFor(deps), {
        tenant: where.tenant,
        tenantUrl: where.tenantUrl,
        clientId: request.clientId,
        user: login.user,
        scope: request.scope,
        authTime: login.authTime,
        sid: login.sid,
        ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
        ...(code !== undefined ? { code } : {}),
        lifetimeSeconds: idTokenLifetimeOf(client),
      })
    : undefined;
  return {
    ...(code !== undefined ? { code } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
    ...(request.state !== undefined ? { state: request.state } : {}),
  };
}

/** Where the answer to `request` goes, and how. */
export function clientDestinationOf(request: PendingAuthorization, tenantUrl: string): ClientDestination {
  return { redirectUri: request.redirectUri, responseMode: request.responseMode ?? 'query', issuer: issuerOf(tenantUrl) };
}

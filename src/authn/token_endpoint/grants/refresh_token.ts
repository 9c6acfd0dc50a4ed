import { refreshTokenPolicyOf } from '../../../domain/token_lifetimes.js';
import { refusedRefreshToken, useRefreshToken } from '../../tokens/refresh_tokens.js';
import { issueUserTokens } from '../issue_user_tokens.js';
import { requireParam } from '../request_params.js';
import type { GrantOutcome, TokenRequest } from '../token_request.js';
import { checkUserGrantAudience } from './check_user_grant_audience.js';
import { narrowScope } from './narrow_scope.js';

/**
 * RFC 6749 §6 under the client's refresh token policy: rotating, the presented token is spent and a
 * new one of the same grant is issued with the grant's whole scope; non-rotating, the client keeps
 * its token and gets none in the answer. The access token and id_token carry the (possibly narrowed)
 * scope, and the issuer of the login the token comes from, as the token remembers it (grant_tenant_url.ts).
 */
export async function refreshTokenGrant(request: TokenRequest): Promise<GrantOutcome> {
  const { deps, context, client, params } = request;
  // Before the token is looked at: a request refused for its own parameters leaves it usable.
  checkUserGrantAudience(request);
  return useRefreshToken(
    deps.store.ephemeral,
    { tenant: context.tenant.name, clientId: client.clientId, policy: refreshTokenPolicyOf(client) },
    requireParam(params, 'refresh_token'),
    (record) => narrowScope(record.scope, params.scope),
    async ({ record, checked: scope, rotate }) => {
      const connection = record.connection === undefined ? {} : { connection: record.connection };
      const body = await issueUserTokens(request, {
        userId: record.userId,
        grantId: record.grantId,
        scope,
        grantScope: record.scope,
        authTime: record.authTime,
        issueRefreshToken: rotate,
        // A grant of a deleted user whose id signed up again is answered as a revoked one.
        issuedTo: { ...(record.userCreatedAt === undefined ? {} : { userCreatedAt: record.userCreatedAt }), refuse: refusedRefreshToken },
        // A third-party client's family dies with the user's grant to it (DELETE /api/v2/grants).
        consent: { ...(record.consentGrantId === undefined ? {} : { grantId: record.consentGrantId }), refuse: refusedRefreshToken },
        ...(record.sid === undefined ? {} : { sid: record.sid }),
        ...(record.tenantUrl === undefined ? {} : { tenantUrl: record.tenantUrl }),
        ...connection,
      });
      return { body, userId: record.userId, ...connection };
    },
  );
}

import { requireParam } from '../request_params.js';
import { issueUserTokens } from '../issue_user_tokens.js';
import type { GrantOutcome, TokenRequest } from '../token_request.js';
import { checkCodeVerifier } from '../../codes/check_code_verifier.js';
import { checkRedirectUri } from '../../codes/check_redirect_uri.js';
import { redeemCode } from '../../codes/redeem_code.js';
import { checkUserGrantAudience } from './check_user_grant_audience.js';
import { InvalidGrantError } from '../../../errors/index.js';

/**
 * RFC 6749 §4.1.3 with PKCE: redeem the code (only this client's, only once): check the redirect_uri
 * and the PKCE verifier it is bound to, then issue tokens (redeem_code.ts says when the code is spent),
 * under the issuer of the host the login was made at, not necessarily this request's (grant_tenant_url.ts).
 * A code redeemed at another of the tenant's hosts is not refused: Auth0 does not refuse it either.
 */
export async function authorizationCodeGrant(request: TokenRequest): Promise<GrantOutcome> {
  const { deps, context, client, params } = request;
  // Before the code is redeemed: a request refused for its own parameters leaves the code usable.
  checkUserGrantAudience(request);
  const owner = { tenant: context.tenant.name, clientId: client.clientId };
  return redeemCode(deps.store.ephemeral, owner, requireParam(params, 'code'), async (record) => {
    checkRedirectUri(record, params.redirect_uri);
    checkCodeVerifier(record, client, params.code_verifier);
    const body = await issueUserTokens(request, {
      userId: record.userId,
      grantId: record.grantId,
      scope: record.scope,
      grantScope: record.scope,
      authTime: record.authTime,
      connection: record.connection,
      // A code of a deleted user whose id signed up again is answered as one whose user is gone.
      ...(record.userCreatedAt === undefined ? {} : { issuedTo: { userCreatedAt: record.userCreatedAt, refuse: codeOfEarlierUser } }),
      consent: { ...(record.consentGrantId === undefined ? {} : { grantId: record.consentGrantId }), refuse: codeOfRevokedGrant },
      ...(record.sid === undefined ? {} : { sid: record.sid }),
      ...(record.tenantUrl === undefined ? {} : { tenantUrl: record.tenantUrl }),
      ...(record.nonce === undefined ? {} : { nonce: record.nonce }),
    });
    return { body, userId: record.userId, connection: record.connection };
  });
}

/** The user's consent to this third-party client was revoked after the code was issued. */
function codeOfRevokedGrant(): Error {
  return new InvalidGrantError("the user's grant to this application was revoked");
}

/** The user the code was issued to no longer exists: another user holds their id now. */
function codeOfEarlierUser(): Error {
  return new InvalidGrantError('the user of this grant no longer exists');
}

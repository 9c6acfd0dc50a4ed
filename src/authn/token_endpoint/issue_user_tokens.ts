import { idTokenLifetimeOf, refreshTokenPolicyOf } from '../../domain/token_lifetimes.js';
import type { User } from '../../domain/types.js';
import { USER_BLOCKED } from '../../domain/users.js';
import { consentStands } from '../../domain/user_grants.js';
import { InvalidGrantError } from '../../errors/index.js';
import { issueAccessToken, userinfoAudience } from '../tokens/access_token.js';
import { grantTenantUrl } from '../tokens/grant_tenant_url.js';
import { issueIdToken } from '../tokens/id_token.js';
import { isGrantOfEarlierUser } from '../tokens/earlier_user.js';
import { issueRefreshToken } from '../tokens/refresh_tokens.js';
import type { TokenRequest, TokenResponseBody } from './token_request.js';

export interface UserGrant {
  userId: string;
  grantId: string;
  /** What this response grants (may be narrower than the grant on refresh). */
  scope: string[];
  /** What the grant itself holds: a new refresh token keeps it whole (RFC 6749 §6). */
  grantScope: string[];
  authTime: number;
  nonce?: string;
  connection?: string;
  /** The login session's id (id_token `sid`), kept by the grant's refresh tokens. */
  sid?: string;
  /**
   * The tenant URL the login was made under, as the code or refresh token remembers it (absent on
   * records older than it): the issuer of the tokens (grant_tenant_url.ts), kept by its refresh tokens.
   */
  tenantUrl?: string;
  /** False when the client keeps the refresh token it presented (non-rotating policy). */
  issueRefreshToken?: boolean;
  /**
   * The createdAt of the user the code or refresh token was issued to (absent on a refresh token
   * older than it), and the grant's own refusal should that user have been deleted and the id signed
   * up again since (earlier_user.ts). A code is judged too, short as it lives: the same person's next
   * login re-creates the user at once, and the deleted user's code must not then redeem as the new
   * one's. Absent for a code issued before codes kept it (in flight across an upgrade): not judged.
   */
  issuedTo?: { userCreatedAt?: string; refuse: () => Error };
  /**
   * The user's grant to a third-party client the code or refresh token was issued under (absent on
   * records older than it, and for first-party clients), kept by the refresh tokens issued now; and
   * the refusal should that grant have been revoked since (domain/user_grants.ts consentStands).
   */
  consent: { grantId?: string; refuse: () => Error };
}

/**
 * Tokens for a user: an access token for /userinfo, an id_token when `openid` was granted, and a
 * refresh token of the same grant when `offline_access` was granted and the client may refresh.
 * The user is read now, so the id_token carries the profile as it is at issue time, and a user
 * blocked since the code or refresh token was issued gets none (invalid_grant, as Auth0 words it),
 * nor does a third-party client once the user's grant to it (their consent) was revoked (Auth0:
 * the tokens issued in the context of a grant are revoked with it).
 * All of them are issued under the tenant URL of the login, whichever host the request came to.
 */
export async function issueUserTokens(request: TokenRequest, grant: UserGrant): Promise<TokenResponseBody> {
  const { deps, keys, context, client } = request;
  const user = await loadUser(request, grant);
  const tenantUrl = grantTenantUrl(deps.config, context, grant.tenantUrl);
  const accessToken = await issueAccessToken(keys, {
    tenant: context.tenant,
    tenantUrl,
    subject: user.userId,
    clientId: client.clientId,
    audience: [userinfoAudience(tenantUrl)],
    scope: grant.scope,
    grantId: grant.grantId,
    userCreatedAt: user.createdAt,
  });
  const body: TokenResponseBody = {
    access_token: accessToken.token,
    token_type: 'Bearer',
    expires_in: accessToken.expiresIn,
    scope: grant.scope.join(' '),
  };
  if (grant.scope.includes('openid')) {
    body.id_token = await issueIdToken(keys, {
      tenant: context.tenant,
      tenantUrl,
      clientId: client.clientId,
      user,
      scope: grant.scope,
      authTime: grant.authTime,
      lifetimeSeconds: idTokenLifetimeOf(client),
      ...(grant.sid === undefined ? {} : { sid: grant.sid }),
      ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
    });
  }
  if (grant.issueRefreshToken !== false && grant.grantScope.includes('offline_access') && client.grantTypes.includes('refresh_token')) {
    const refreshToken = await issueRefreshToken(
      deps.store.ephemeral,
      {
        tenant: context.tenant.name,
        clientId: client.clientId,
        userId: user.userId,
        grantId: grant.grantId,
        scope: grant.grantScope,
        authTime: grant.authTime,
        userCreatedAt: user.createdAt,
        ...(grant.consent.grantId === undefined ? {} : { consentGrantId: grant.consent.grantId }),
        ...(grant.connection === undefined ? {} : { connection: grant.connection }),
        ...(grant.sid === undefined ? {} : { sid: grant.sid }),
        // As remembered, not as resolved: a grant from before it was kept goes on being refreshed under the request's host.
        ...(grant.tenantUrl === undefined ? {} : { tenantUrl: grant.tenantUrl }),
      },
      refreshTokenPolicyOf(client),
    );
    if (refreshToken !== undefined) body.refresh_token = refreshToken;
  }
  return body;
}

async function loadUser(request: TokenRequest, grant: UserGrant): Promise<User> {
  const user = await request.deps.store.users.get(request.context.tenant.name, grant.userId);
  if (!user) throw new InvalidGrantError('the user of this grant no longer exists');
  if (grant.issuedTo && isGrantOfEarlierUser(user, { authTime: grant.authTime, ...grant.issuedTo })) throw grant.issuedTo.refuse();
  if (user.blocked === true) throw new InvalidGrantError(USER_BLOCKED);
  if (!consentStands(request.client, user, { consentGrantId: grant.consent.grantId, scope: grant.grantScope })) throw grant.consent.refuse();
  return user;
}

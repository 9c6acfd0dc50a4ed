import type { Identity, User } from '../../domain/types.js';
import { identityKey } from '../../domain/identity_ids.js';
import { statusReasonOf } from '../../domain/identity_status.js';
import { accessTokenErrorJson } from './access_token_error.js';
import type { IdentityToken } from './idp_tokens.js';

/**
 * A user in Auth0's shape. Each identity also says whether its upstream tokens still work (`status`,
 * and when they do not, `status_reason` and `status_changed_at`): applications need to know that a
 * user must log in again before they try to sync. Upstream tokens appear only when the caller passes
 * `tokens`, which only a token granted read:user_idp_tokens gets, each as `access_token` or, when
 * none can be had now, `access_token_error`; the refresh token never appears (fitgate alone
 * refreshes, so rotation stays single-flight).
 */
export function userJson(user: User, tokens?: ReadonlyMap<string, IdentityToken>): Record<string, unknown> {
  return withoutUndefined({
    user_id: user.userId,
    email: user.email,
    email_verified: user.emailVerified,
    name: user.name,
    nickname: user.nickname,
    given_name: user.givenName,
    family_name: user.familyName,
    picture: user.picture,
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    blocked: user.blocked,
    identities: user.identities.map((identity) => identityJson(identity, tokens?.get(identityKey(identity)))),
    created_at: user.createdAt,
    updated_at: user.updatedAt,
    last_login: user.lastLogin,
    last_ip: user.lastIp,
    logins_count: user.loginsCount,
  });
}

export function identityJson(identity: Identity, read?: IdentityToken): Record<string, unknown> {
  const token = read && 'token' in read ? read.token : undefined;
  return withoutUndefined({
    provider: identity.provider,
    user_id: identity.userId,
    connection: identity.connection,
    isSocial: identity.isSocial,
    api: identity.api,
    legacy_user_id: identity.legacyUserId,
    granted_scopes: identity.grantedScopes,
    status: identity.status,
    status_reason: statusReasonOf(identity),
    status_changed_at: identity.statusChangedAt,
    access_token: token?.accessToken,
    expires_in: token?.expiresIn,
    access_token_error: read && 'error' in read ? accessTokenErrorJson(read.error) : undefined,
  });
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

import { randomBytes } from 'node:crypto';
import type { Tenant } from '../../domain/types.js';
import { issuerOf } from '../../domain/tenants.js';
import type { TenantKeys } from '../keys/tenant_keys.js';
import { signJwt } from './sign_jwt.js';

/** Long enough for a slow receiver, short enough that a token caught in transit is soon worth nothing. */
export const LOGOUT_TOKEN_TTL_SECONDS = 120;

/** The one event a logout token carries (Back-Channel Logout §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface LogoutTokenInput {
  tenant: Tenant;
  tenantUrl: string;
  clientId: string;
  userId: string;
  /** The ended login session's id, the `sid` of its id_tokens; absent only for a session older than sids. */
  sid?: string;
}

/**
 * An OpenID Connect Back-Channel Logout token (§2.4): who signed out (sub), of which login session
 * (sid), for which client (aud), signed with the tenant's current key as its id_tokens are, so a
 * client verifies it against the same JWKS. Typed `logout+jwt` (§2.4, RFC 8725 §3.11) so it can
 * never pass for an id_token, and carrying no nonce, which §2.4 forbids for the same reason. The jti
 * lets a receiver refuse a replay.
 */
export function issueLogoutToken(keys: TenantKeys, input: LogoutTokenInput): Promise<string> {
  const claims: Record<string, unknown> = {
    jti: randomBytes(16).toString('base64url'),
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  };
  if (input.sid !== undefined) claims.sid = input.sid;
  return signJwt(keys, input.tenant, claims, {
    typ: 'logout+jwt',
    issuer: issuerOf(input.tenantUrl),
    audience: input.clientId,
    subject: input.userId,
    ttlSeconds: LOGOUT_TOKEN_TTL_SECONDS,
  });
}

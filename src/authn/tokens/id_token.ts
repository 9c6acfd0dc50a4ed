import type { Tenant, User } from '../../domain/types.js';
import type { TenantKeys } from '../keys/tenant_keys.js';
import { codeHash } from './code_hash.js';
import { ID_TOKEN_TTL_SECONDS } from './lifetimes.js';
import { issuerOf } from '../../domain/tenants.js';
import { signJwt } from './sign_jwt.js';
import { userClaimsForScopes } from './user_claims.js';

export interface IdTokenInput {
  tenant: Tenant;
  tenantUrl: string;
  clientId: string;
  user: User;
  scope: readonly string[];
  /** Epoch seconds of the upstream login. */
  authTime: number;
  /** Echoed from /authorize; absent on refresh, where the client has no nonce to check. */
  nonce?: string;
  /**
   * The login session's id (login_session.ts), as Auth0's `sid`: the same for every id_token of one
   * browser's sign-in, refreshes included. Absent only for a grant older than sids.
   */
  sid?: string;
  /** The code issued beside this id_token (hybrid flow): adds its c_hash. */
  code?: string;
  /** The client's jwt_configuration.lifetime_in_seconds (idTokenLifetimeOf); ID_TOKEN_TTL_SECONDS when absent. */
  lifetimeSeconds?: number;
}

/**
 * An OpenID Connect id_token (Core §2): who logged in (sub = user_id), for which client (aud), when
 * (auth_time), in which login session (sid), bound to the client's request (nonce), with the
 * profile claims the scopes allow.
 */
export function issueIdToken(keys: TenantKeys, input: IdTokenInput): Promise<string> {
  const claims: Record<string, unknown> = {
    ...userClaimsForScopes(input.user, input.scope),
    auth_time: input.authTime,
  };
  if (input.sid !== undefined) claims.sid = input.sid;
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (input.code !== undefined) claims.c_hash = codeHash(input.code);
  return signJwt(keys, input.tenant, claims, {
    typ: 'JWT',
    issuer: issuerOf(input.tenantUrl),
    audience: input.clientId,
    subject: input.user.userId,
    ttlSeconds: input.lifetimeSeconds ?? ID_TOKEN_TTL_SECONDS,
  });
}

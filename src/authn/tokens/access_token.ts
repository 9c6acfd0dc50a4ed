import { randomUUID } from 'node:crypto';
import type { Tenant } from '../../domain/types.js';
import type { TenantKeys } from '../keys/tenant_keys.js';
import { encryptAccessToken } from './encrypted_access_token.js';
import { ACCESS_TOKEN_TTL_SECONDS, MANAGEMENT_ACCESS_TOKEN_TTL_SECONDS } from './lifetimes.js';
import { issuerOf } from '../../domain/tenants.js';
import { signJwt, withRegisteredClaims } from './sign_jwt.js';

/** The audience of access tokens meant for /userinfo. */
export function userinfoAudience(tenantUrl: string): string {
  return `${tenantUrl}/userinfo`;
}


export interface AccessTokenInput {
  tenant: Tenant;
  tenantUrl: string;
  /** The user id, or `${clientId}@clients` for client_credentials (as Auth0 writes it). */
  subject: string;
  clientId: string;
  /** One audience as a string (Management API tokens, as Auth0 writes them), or a list. */
  audience: string | string[];
  scope: readonly string[];
  grantId: string;
  /** Auth0's grant-type claim, set for client_credentials tokens. */
  grantType?: 'client-credentials';
  /** A user's token: the createdAt of the user record it is issued to (USER_CREATED_AT_CLAIM). */
  userCreatedAt?: string;
}

/**
 * The claim of a user's access token that names the user record it was issued to, by the record's
 * createdAt as stored (milliseconds): a user deleted and signed up again under the same id within
 * one second of the token is another user, which iat (whole seconds) cannot tell (earlier_user.ts).
 * A user's tokens are the opaque /userinfo ones, which no one but fitgate reads.
 */
export const USER_CREATED_AT_CLAIM = 'user_created_at';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/**
 * An access token with the claims of RFC 9068 (client_id, scope, jti), plus Auth0's azp and gty and
 * our `gid`: the grant it belongs to, so revoking the grant refuses the token everywhere.
 *
 * As Auth0 does, a token whose only audience is /userinfo (every user login's, since no API
 * audience can be asked for) is opaque: the claims encrypted for fitgate alone
 * (encrypted_access_token.ts). Any other audience (the Management API) gets an RS256 JWT, typ
 * at+jwt, that its holder's resource servers can verify against the JWKS. The two live as long as
 * token_lifetimes.ts says for a user's and for a Management API token.
 */
export async function issueAccessToken(keys: TenantKeys, input: AccessTokenInput): Promise<IssuedAccessToken> {
  const claims: Record<string, unknown> = {
    client_id: input.clientId,
    azp: input.clientId,
    scope: input.scope.join(' '),
    gid: input.grantId,
    jti: randomUUID(),
  };
  if (input.grantType) claims.gty = input.grantType;
  if (input.userCreatedAt !== undefined) claims[USER_CREATED_AT_CLAIM] = input.userCreatedAt;
  const registered = { issuer: issuerOf(input.tenantUrl), audience: input.audience, subject: input.subject };
  const audiences = typeof input.audience === 'string' ? [input.audience] : input.audience;
  if (audiences.length === 1 && audiences[0] === userinfoAudience(input.tenantUrl)) {
    const { kid, key } = await keys.tokenEncryptionKey(input.tenant);
    const token = encryptAccessToken(key, kid, withRegisteredClaims(claims, { ...registered, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS }));
    return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
  const token = await signJwt(keys, input.tenant, claims, { ...registered, ttlSeconds: MANAGEMENT_ACCESS_TOKEN_TTL_SECONDS, typ: 'at+jwt' });
  return { token, expiresIn: MANAGEMENT_ACCESS_TOKEN_TTL_SECONDS };
}

import { sign } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Tenant } from '../../domain/types.js';
import { SIGNING_ALGORITHM, type TenantKeys } from '../keys/tenant_keys.js';

/** The registered claims every token fitgate issues carries (RFC 7519 §4.1). */
export interface RegisteredClaimOptions {
  issuer: string;
  audience: string | string[];
  subject: string;
  ttlSeconds: number;
  /** Epoch seconds; defaults to now. */
  issuedAt?: number;
}

export interface SignOptions extends RegisteredClaimOptions {
  /** JOSE header typ: "JWT" for id_tokens, "at+jwt" for access tokens (RFC 9068), "logout+jwt" for logout tokens. */
  typ: 'JWT' | 'at+jwt' | 'logout+jwt';
}

/** `claims` with iss, aud, sub, iat and exp, in the order jose's SignJWT would set them. */
export function withRegisteredClaims(claims: JWTPayload, options: RegisteredClaimOptions): JWTPayload {
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return { ...claims, iss: options.issuer, aud: options.audience, sub: options.subject, iat: issuedAt, exp: issuedAt + options.ttlSeconds };
}

/**
 * Signs a JWT with the tenant's current key, naming it by kid so verifiers pick the right one.
 *
 * The compact JWS is assembled here and signed with node:crypto rather than jose's SignJWT: jose
 * signs through WebCrypto, whose job dispatch costs about half as much again as the RSA signature
 * itself (0.73 ms against 0.48 ms here), and a login signs twice. RS256 (RSASSA-PKCS1-v1_5) is
 * deterministic, so the token is byte for byte the one jose would make (a unit test compares them);
 * verification, where the subtleties are, stays with jose.
 */
export async function signJwt(keys: TenantKeys, tenant: Tenant, claims: JWTPayload, options: SignOptions): Promise<string> {
  const { kid, key } = await keys.signer(tenant);
  const header = { alg: SIGNING_ALGORITHM, kid, typ: options.typ };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(withRegisteredClaims(claims, options)))}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

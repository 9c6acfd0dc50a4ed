import { SignJWT, type JWTPayload } from 'jose';
import type { Tenant } from '../../domain/types.js';
import { SIGNING_ALGORITHM, type TenantKeys } from '../keys/tenant_keys.js';

export interface SignOptions {
  /** JOSE header typ: "JWT" for id_tokens, "at+jwt" for access tokens (RFC 9068). */
  typ: 'JWT' | 'at+jwt';
  issuer: string;
  audience: string | string[];
  subject: string;
  ttlSeconds: number;
  /** Epoch seconds; defaults to now. */
  issuedAt?: number;
}

/** Signs a JWT with the tenant's current key, naming it by kid so verifiers pick the right one. */
export async function signJwt(keys: TenantKeys, tenant: Tenant, claims: JWTPayload, options: SignOptions): Promise<string> {
  const { kid, key } = await keys.signer(tenant);
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: options.typ })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .sign(key);
}

/** The issuer identifier of a tenant: its URL with a trailing slash, as Auth0 writes it. */
export function issuerOf(tenantUrl: string): string {
  return `${tenantUrl}/`;
}

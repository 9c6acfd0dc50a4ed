import type { SigningKeyCertificate } from '../../domain/signing_key_certificate.js';
import { publishedSigningKeys } from '../../domain/signing_key_rotation.js';
import type { SigningKey, Tenant } from '../../domain/types.js';
import { SIGNING_ALGORITHM } from './tenant_keys.js';

export interface JsonWebKeySet {
  keys: Array<Record<string, unknown>>;
}

/**
 * The tenant's public keys as published at /.well-known/jwks.json: the current key, the next one
 * (so relying parties hold it before it signs) and previous keys whose tokens may still be valid;
 * never a revoked key. Only the public members are copied, whatever the record holds.
 *
 * Each key also carries its certificate as Auth0 publishes it: `x5c` (the base64 DER, one entry:
 * the certificate is self-signed, so there is no chain) and `x5t` (its SHA-1 thumbprint, base64url,
 * RFC 7517 §4.8; Auth0 publishes no `x5t#S256`). Apps and gateways build a PEM from x5c[0]. A key
 * whose certificate `certificateOf` cannot give is published without both.
 */
export function tenantJwks(tenant: Tenant, certificateOf: (key: SigningKey) => SigningKeyCertificate | undefined): JsonWebKeySet {
  return {
    keys: publishedSigningKeys(tenant).map((key) => {
      const certificate = certificateOf(key);
      return {
        kty: key.publicJwk.kty,
        n: key.publicJwk.n,
        e: key.publicJwk.e,
        kid: key.kid,
        use: 'sig',
        alg: SIGNING_ALGORITHM,
        ...(certificate && { x5c: [certificate.der], x5t: certificate.x5t }),
      };
    }),
  };
}

import { publishedSigningKeys } from '../../domain/signing_key_rotation.js';
import type { Tenant } from '../../domain/types.js';
import { SIGNING_ALGORITHM } from './tenant_keys.js';

export interface JsonWebKeySet {
  keys: Array<Record<string, unknown>>;
}

/**
 * The tenant's public keys as published at /.well-known/jwks.json: the current key, the next one
 * (so relying parties hold it before it signs) and previous keys whose tokens may still be valid;
 * never a revoked key. Only the public members are copied, whatever the record holds.
 */
export function tenantJwks(tenant: Tenant): JsonWebKeySet {
  return {
    keys: publishedSigningKeys(tenant).map(({ kid, publicJwk }) => ({
      kty: publicJwk.kty,
      n: publicJwk.n,
      e: publicJwk.e,
      kid,
      use: 'sig',
      alg: SIGNING_ALGORITHM,
    })),
  };
}

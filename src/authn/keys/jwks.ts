import type { Tenant } from '../../domain/types.js';
import { SIGNING_ALGORITHM } from './tenant_keys.js';

export interface JsonWebKeySet {
  keys: Array<Record<string, unknown>>;
}

/**
 * The tenant's public keys as published at /.well-known/jwks.json: every key, newest first, so tokens
 * signed before a rotation still verify. Only the public members are copied, whatever the record holds.
 */
export function tenantJwks(tenant: Tenant): JsonWebKeySet {
  return {
    keys: tenant.signingKeys.map(({ kid, publicJwk }) => ({
      kty: publicJwk.kty,
      n: publicJwk.n,
      e: publicJwk.e,
      kid,
      use: 'sig',
      alg: SIGNING_ALGORITHM,
    })),
  };
}

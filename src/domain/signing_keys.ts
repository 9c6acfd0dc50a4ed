import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { Sealer } from './ports.js';
import type { SigningKey } from './types.js';

export const SIGNING_ALGORITHM = 'RS256';
const MODULUS_BITS = 2048;

/**
 * A fresh RS256 key pair for a tenant's tokens. The kid is the key's RFC 7638 thumbprint, so it is
 * unique without coordination and a relying party can check it matches the key. The public JWK is
 * published as is at /.well-known/jwks.json; the private JWK is sealed under the master key and only
 * opened to sign.
 */
export async function generateSigningKey(sealer: Sealer, now = new Date()): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    modulusLength: MODULUS_BITS,
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' },
    privateJwk: sealer.seal(JSON.stringify({ ...privateJwk, kid, alg: SIGNING_ALGORITHM })),
    createdAt: now.toISOString(),
  };
}

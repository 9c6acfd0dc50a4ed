import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { generateSigningKey } from '../../../src/domain/signing_keys.js';
import { createSealer } from '../../../src/store/sealing.js';

const sealer = createSealer([randomBytes(32)]);

describe('tenant signing keys', () => {
  it('publishes an RS256 public JWK whose kid is its RFC 7638 thumbprint and which holds no private part', async () => {
    const key = await generateSigningKey(sealer);
    expect(key.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: key.kid });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(await calculateJwkThumbprint(key.publicJwk as JWK)).toBe(key.kid);
  });

  it('keeps the private key only sealed, and the sealed key signs what the public key verifies', async () => {
    const key = await generateSigningKey(sealer);
    expect(key.privateJwk).toMatch(/^v1\./);
    expect(key.privateJwk).not.toContain('"d"');
    const privateJwk = JSON.parse(sealer.open(key.privateJwk)) as JWK;
    const token = await new SignJWT({ sub: 'fitbit|ABC' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .sign(await importJWK(privateJwk, 'RS256'));
    const { payload } = await jwtVerify(token, await importJWK(key.publicJwk as JWK, 'RS256'));
    expect(payload.sub).toBe('fitbit|ABC');
  });

  it('gives every key its own kid', async () => {
    const [a, b] = await Promise.all([generateSigningKey(sealer), generateSigningKey(sealer)]);
    expect(a.kid).not.toBe(b.kid);
  });
});

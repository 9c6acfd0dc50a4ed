import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { TenantKeys } from '../../../../src/authn/keys/tenant_keys.js';
import { signJwt, type SignOptions } from '../../../../src/authn/tokens/sign_jwt.js';
import { generateSigningKey } from '../../../../src/domain/signing_keys.js';
import type { Tenant } from '../../../../src/domain/types.js';
import { createSealer } from '../../../../src/store/sealing.js';

const sealer = createSealer([randomBytes(32)]);

async function tenantWithKey(): Promise<Tenant> {
  return { name: 'acme', domains: [], signingKeys: [await generateSigningKey(sealer)], createdAt: new Date().toISOString() };
}

const OPTIONS: SignOptions & { issuedAt: number } = {
  typ: 'at+jwt',
  issuer: 'https://acme.example/',
  audience: ['https://acme.example/userinfo'],
  subject: 'fitbit|A1',
  ttlSeconds: 600,
  issuedAt: 1_800_000_000,
};

describe('signJwt', () => {
  it('makes, byte for byte, the token jose would sign with the same key and claims', async () => {
    const tenant = await tenantWithKey();
    const [signingKey] = tenant.signingKeys;
    const token = await signJwt(new TenantKeys(sealer), tenant, { scope: 'openid', gid: 'g1' }, OPTIONS);

    const privateKey = await importJWK(JSON.parse(sealer.open(signingKey!.privateJwk)) as JWK, 'RS256');
    const expected = await new SignJWT({ scope: 'openid', gid: 'g1' })
      .setProtectedHeader({ alg: 'RS256', kid: signingKey!.kid, typ: 'at+jwt' })
      .setIssuer(OPTIONS.issuer)
      .setAudience(OPTIONS.audience)
      .setSubject(OPTIONS.subject)
      .setIssuedAt(OPTIONS.issuedAt)
      .setExpirationTime(OPTIONS.issuedAt + OPTIONS.ttlSeconds)
      .sign(privateKey);
    expect(token).toBe(expected);
  });

  it('verifies under the published public key, with the kid and typ in its header', async () => {
    const tenant = await tenantWithKey();
    const [signingKey] = tenant.signingKeys;
    const token = await signJwt(new TenantKeys(sealer), tenant, { nonce: 'n-1' }, { typ: 'JWT', issuer: OPTIONS.issuer, audience: 'client-1', subject: OPTIONS.subject, ttlSeconds: OPTIONS.ttlSeconds });

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: signingKey!.kid, typ: 'JWT' });
    const { payload } = await jwtVerify(token, await importJWK(signingKey!.publicJwk as JWK, 'RS256'), { issuer: OPTIONS.issuer, audience: 'client-1' });
    expect(payload).toMatchObject({ nonce: 'n-1', sub: OPTIONS.subject, aud: 'client-1' });
    expect(payload.exp! - payload.iat!).toBe(OPTIONS.ttlSeconds);
  });

  it('refuses to sign for a tenant without a signing key', async () => {
    const tenant = { ...(await tenantWithKey()), signingKeys: [] };
    await expect(signJwt(new TenantKeys(sealer), tenant, {}, OPTIONS)).rejects.toThrow('has no signing key');
  });
});

import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { tenantJwks } from '../../../../src/authn/keys/jwks.js';
import { signingKeyCertificate } from '../../../../src/domain/signing_key_certificate.js';
import { buildTenant } from '../../../../src/domain/tenants.js';
import type { SigningKey, Tenant } from '../../../../src/domain/types.js';
import { createSealer } from '../../../../src/store/sealing.js';

const sealer = createSealer([randomBytes(32)]);
let tenant: Tenant;

beforeAll(async () => {
  tenant = await buildTenant('acme', sealer);
});

const certificateOf = (key: SigningKey) => signingKeyCertificate(key, sealer, 'acme.fitgate.test');

describe('the tenant JWKS', () => {
  it('carries each key’s certificate as x5c (one base64 DER) and x5t (its SHA-1, base64url)', () => {
    const { keys } = tenantJwks(tenant, certificateOf);
    expect(keys.map((key) => key.kid)).toEqual(tenant.signingKeys.map((key) => key.kid));
    for (const [index, key] of keys.entries()) {
      const certificate = certificateOf(tenant.signingKeys[index]!);
      expect(key).toEqual({
        kty: 'RSA',
        n: tenant.signingKeys[index]!.publicJwk.n,
        e: 'AQAB',
        kid: tenant.signingKeys[index]!.kid,
        use: 'sig',
        alg: 'RS256',
        x5c: [certificate.der],
        x5t: certificate.x5t,
      });
    }
  });

  it('publishes a key without x5c and x5t when its certificate cannot be had, rather than failing', () => {
    const { keys } = tenantJwks(tenant, () => undefined);
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('never publishes a revoked key', () => {
    const [current, next] = tenant.signingKeys as [SigningKey, SigningKey];
    const withRevoked: Tenant = { ...tenant, signingKeys: [current, next, { ...next, kid: 'gone', status: 'revoked', revokedAt: new Date().toISOString() }] };
    expect(tenantJwks(withRevoked, certificateOf).keys.map((key) => key.kid)).toEqual([current.kid, next.kid]);
  });
});

import { X509Certificate } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-signing-keys', async (started) => {
  admin = await started.tokenWith(['read:signing_keys', 'create:signing_keys', 'update:signing_keys']);
});

const jwksKids = async () =>
  ((await request(harness.apps[0]!).get('/.well-known/jwks.json').set('Host', harness.host).expect(200)).body.keys as { kid: string }[]).map((key) => key.kid);

describe('/api/v2/keys/signing', () => {
  it('reads the certificates the JWKS built: listing the keys again opens no sealed key', async () => {
    const first = await harness.call('get', '/keys/signing', admin).expect(200);
    const open = jest.spyOn(harness.deps[0]!.sealer, 'open');
    try {
      const again = await harness.call('get', '/keys/signing', admin).expect(200);
      expect(open).not.toHaveBeenCalled();
      expect(again.body).toEqual(first.body);
    } finally {
      open.mockRestore();
    }
  });


  it("lists the keys in Auth0's shape, each with a self-signed certificate of its public key", async () => {
    const response = await harness.call('get', '/keys/signing', admin).expect(200);

    expect(response.body).toHaveLength(2);
    const [current, next] = response.body;
    expect(current).toMatchObject({ kid: expect.any(String), current: true, current_since: expect.any(String), fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/) });
    expect(next).toMatchObject({ next: true });
    expect(next).not.toHaveProperty('current');
    const certificate = new X509Certificate(current.cert);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.fingerprint).toBe(current.fingerprint);
    expect(current.thumbprint).toBe(current.fingerprint.replaceAll(':', ''));
    expect(certificate.publicKey.export({ format: 'jwk' })).toMatchObject({ kty: 'RSA' });
    expect(JSON.stringify(response.body)).not.toMatch(/"d"|PRIVATE/);
  });

  it('shows the certificate the JWKS publishes as x5c and /pem serves: one certificate per key, wherever it is read', async () => {
    const listed = (await harness.call('get', '/keys/signing', admin).expect(200)).body as Array<{ kid: string; cert: string; current?: boolean }>;
    const jwks = (await request(harness.apps[0]!).get('/.well-known/jwks.json').set('Host', harness.host).expect(200)).body as {
      keys: Array<{ kid: string; x5c: string[]; x5t: string }>;
    };
    for (const key of listed) {
      const published = jwks.keys.find((candidate) => candidate.kid === key.kid)!;
      const certificate = new X509Certificate(key.cert);
      expect(published.x5c).toEqual([certificate.raw.toString('base64')]);
      expect(Buffer.from(published.x5t, 'base64url').toString('hex').toUpperCase()).toBe(certificate.fingerprint.replaceAll(':', ''));
    }
    const pem = await request(harness.apps[0]!).get('/pem').set('Host', harness.host).responseType('blob').expect(200);
    expect((pem.body as Buffer).toString('utf8')).toBe(`${listed.find((key) => key.current)!.cert}\r\n`);
  });

  it('rotates: the next key becomes current, the old one previous, a new next key is published', async () => {
    const before = (await harness.call('get', '/keys/signing', admin).expect(200)).body as Record<string, unknown>[];
    const rotated = await harness.call('post', '/keys/signing/rotate', admin).expect(201);

    expect(rotated.body).toEqual({ kid: before[1]!.kid, cert: before[1]!.cert });
    const after = (await harness.call('get', '/keys/signing', admin).expect(200)).body as Record<string, unknown>[];
    expect(after.map((key) => [key.kid, key.current ?? false, key.next ?? false, key.previous ?? false])).toEqual([
      [before[1]!.kid, true, false, false],
      [expect.any(String), false, true, false],
      [before[0]!.kid, false, false, true],
    ]);
    expect(after[2]).toMatchObject({ current_until: expect.any(String) });
    expect(await jwksKids()).toEqual(after.map((key) => key.kid));
  });

  it('revokes a previous key (it leaves the JWKS) and refuses to revoke the current or next key', async () => {
    const keys = (await harness.call('get', '/keys/signing', admin).expect(200)).body as Record<string, unknown>[];
    const current = keys.find((key) => key.current)!;
    const previous = keys.find((key) => key.previous)!;

    const refused = await harness.call('put', `/keys/signing/${String(current.kid)}/revoke`, admin).expect(400);
    expect(refused.body).toMatchObject({ statusCode: 400, errorCode: 'invalid_signing_key_state' });

    const revoked = await harness.call('put', `/keys/signing/${String(previous.kid)}/revoke`, admin).expect(200);
    expect(revoked.body).toEqual({ kid: previous.kid, cert: previous.cert });
    expect(await jwksKids()).not.toContain(previous.kid);
    // The token in hand was signed by the key just revoked, so it is refused now; a new one works.
    await harness.call('get', '/keys/signing', admin).expect(401);
    admin = await harness.tokenWith(['read:signing_keys', 'create:signing_keys', 'update:signing_keys']);
    const shown = await harness.call('get', `/keys/signing/${String(previous.kid)}`, admin).expect(200);
    expect(shown.body).toMatchObject({ revoked: true, revoked_at: expect.any(String) });
  });

  it('serves the new current key at /pem once a rotation promotes it', async () => {
    const rotated = await harness.call('post', '/keys/signing/rotate', admin).expect(201);
    const pem = await request(harness.apps[0]!).get('/pem').set('Host', harness.host).responseType('blob').expect(200);
    expect((pem.body as Buffer).toString('utf8')).toBe(`${String(rotated.body.cert)}\r\n`);
  });

  it('answers 404 for an unknown kid', async () => {
    const response = await harness.call('get', '/keys/signing/no-such-kid', admin).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_signing_key' });
    await harness.call('put', '/keys/signing/no-such-kid/revoke', admin).expect(404);
  });
});

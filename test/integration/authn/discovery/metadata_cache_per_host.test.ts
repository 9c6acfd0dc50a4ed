import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from '../../http/app_fixture.js';

/**
 * Discovery, the JWKS and the signing certificate are cached publicly, but each is built from the
 * tenant URL, which behind a trusted proxy comes from X-Forwarded-Host: a shared cache must keep one
 * copy per host, or one request could plant another tenant's issuer for every visitor of the Host.
 */
describe('public metadata in shared caches', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    // supertest connects over loopback, so the test is the trusted proxy.
    fixture = await startTestApp({ FITGATE_PUBLIC_URL: 'http://localhost:3000', FITGATE_TRUST_PROXY: 'loopback' });
    await fixture.addTenant('default');
    await fixture.addTenant('acme');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  const varyOf = (response: request.Response) =>
    String(response.headers.vary ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());

  it.each(['/.well-known/openid-configuration', '/.well-known/jwks.json', '/pem', '/cer'])(
    '%s is cacheable by anyone and varies on Host and X-Forwarded-Host',
    async (path) => {
      const response = await request(fixture.app).get(path).set('Host', 'localhost:3000').expect(200);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(varyOf(response)).toEqual(expect.arrayContaining(['host', 'x-forwarded-host']));
    },
  );

  it('gives two X-Forwarded-Host values under the same Host their own issuers', async () => {
    const discovery = (forwardedHost: string) =>
      request(fixture.app).get('/.well-known/openid-configuration').set('Host', 'localhost:3000').set('X-Forwarded-Host', forwardedHost).expect(200);

    const plain = await discovery('localhost:3000');
    const acme = await discovery('acme.localhost:3000');

    expect(plain.body.issuer).toBe('http://localhost:3000/');
    expect(acme.body.issuer).toBe('http://acme.localhost:3000/');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

/**
 * The tenant's home page, discovery, the JWKS and the signing certificate are cached publicly, but
 * each is built from the tenant URL, which behind a trusted proxy comes from X-Forwarded-Host: a
 * shared cache must keep one copy per host, or one request could plant another tenant's page,
 * issuer or keys for every visitor of the Host (http/public_tenant_cache.ts).
 */
describe('public answers built from the tenant URL, in shared caches', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    // supertest connects over loopback, so the test is the trusted proxy.
    fixture = await startTestApp({ FITGATE_PUBLIC_URL: 'http://localhost:3000', FITGATE_TRUST_PROXY: 'loopback' });
    await fixture.addTenant('default');
    await fixture.addTenant('acme');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  const get = (path: string, forwardedHost?: string) => {
    const call = request(fixture.app).get(path).set('Host', 'localhost:3000');
    return (forwardedHost ? call.set('X-Forwarded-Host', forwardedHost) : call).expect(200);
  };
  const varyOf = (response: request.Response) =>
    String(response.headers.vary ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());

  it.each(['/', '/.well-known/openid-configuration', '/.well-known/jwks.json', '/pem', '/cer'])(
    '%s is cacheable by anyone and varies on Host and X-Forwarded-Host',
    async (path) => {
      const response = await get(path);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(varyOf(response)).toEqual(expect.arrayContaining(['host', 'x-forwarded-host']));
    },
  );

  it('gives two X-Forwarded-Host values under the same Host their own page and issuer', async () => {
    expect((await get('/')).text).toContain('fitgate: tenant default');
    expect((await get('/', 'acme.localhost:3000')).text).toContain('fitgate: tenant acme');
    expect((await get('/.well-known/openid-configuration', 'localhost:3000')).body.issuer).toBe('http://localhost:3000/');
    expect((await get('/.well-known/openid-configuration', 'acme.localhost:3000')).body.issuer).toBe('http://acme.localhost:3000/');
  });
});

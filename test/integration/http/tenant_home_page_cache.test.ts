import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

/**
 * The home page is cached like discovery, but it is built from the host the request names, which
 * behind a trusted proxy is X-Forwarded-Host: a shared cache must not hand one host's copy to
 * another, so the answer varies on both headers it is built from.
 */
describe("a tenant host's home page in caches", () => {
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

  it('differs by X-Forwarded-Host under the same Host, and says so with Vary on Host and X-Forwarded-Host', async () => {
    const plain = await request(fixture.app).get('/').set('Host', 'localhost:3000').expect(200);
    const forwarded = await request(fixture.app).get('/').set('Host', 'localhost:3000').set('X-Forwarded-Host', 'acme.localhost:3000').expect(200);
    expect(plain.text).toContain('fitgate: tenant default');
    expect(forwarded.text).toContain('fitgate: tenant acme');
    for (const response of [plain, forwarded]) {
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(varyOf(response)).toEqual(expect.arrayContaining(['host', 'x-forwarded-host']));
    }
  });
});

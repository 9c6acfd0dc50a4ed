import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

/**
 * Strict-Transport-Security follows the public URL: a browser told it for localhost would force
 * https on every http://localhost app for a year, so only a real https host gets it, with its
 * subdomains (the tenants) on the base host and without them on a tenant's own domain.
 */
describe('Strict-Transport-Security', () => {
  const started: TestApp[] = [];
  afterAll(async () => {
    for (const fixture of started) await fixture.cleanup();
  }, FIXTURE_TIMEOUT_MS);

  async function appAt(publicUrl: string): Promise<TestApp> {
    const fixture = await startTestApp({ FITGATE_PUBLIC_URL: publicUrl });
    started.push(fixture);
    await fixture.addTenant('default');
    await fixture.addTenant('acme', ['login.acme.example', 'acme.localhost']);
    return fixture;
  }

  async function hstsOf(fixture: TestApp, host: string, path = '/'): Promise<string | undefined> {
    const response = await request(fixture.app).get(path).set('Host', host).set('Accept', 'text/html');
    return response.headers['strict-transport-security'];
  }

  it.each([
    ['https://localhost:3000', 'localhost:3000'],
    ['https://acme.localhost:3000', 'acme.localhost:3000'],
    ['https://127.0.0.1:3000', '127.0.0.1:3000'],
    ['https://[::1]:3000', '[::1]:3000'],
    ['https://10.0.4.2', '10.0.4.2'],
    ['http://localhost:3000', 'localhost:3000'],
    ['http://id.example.com', 'id.example.com'],
  ])('is not sent when the public URL is %s', async (publicUrl, host) => {
    const fixture = await appAt(publicUrl);
    const page = await request(fixture.app).get('/').set('Host', host).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(await hstsOf(fixture, host, '/manage/login')).toBeUndefined();
  }, FIXTURE_TIMEOUT_MS);

  describe('with a real https public URL', () => {
    let fixture: TestApp;
    beforeAll(async () => {
      fixture = await appAt('https://id.example.com');
    }, FIXTURE_TIMEOUT_MS);

    it('covers the base host and its subdomains, where the tenants live', async () => {
      expect(await hstsOf(fixture, 'id.example.com')).toBe('max-age=31536000; includeSubDomains');
      expect(await hstsOf(fixture, 'acme.id.example.com', '/manage/login')).toBe('max-age=31536000; includeSubDomains');
    });

    it("covers a tenant's own domain without its subdomains, which are not fitgate's", async () => {
      expect(await hstsOf(fixture, 'login.acme.example')).toBe('max-age=31536000');
    });

    it('pins no host that names no tenant, nor a loopback own domain', async () => {
      expect(await hstsOf(fixture, 'unknown.example')).toBeUndefined();
      expect(await hstsOf(fixture, 'acme.localhost')).toBeUndefined();
    });
  });

  // example.com's other names (www, an intranet) are its organisation's: includeSubDomains would
  // force them to https for a year. Each tenant host is pinned when visited instead.
  describe('with a public URL at a domain of two labels', () => {
    let fixture: TestApp;
    beforeAll(async () => {
      fixture = await appAt('https://Example.COM:443');
    }, FIXTURE_TIMEOUT_MS);

    it('covers the base host and each tenant host without their subdomains', async () => {
      expect(await hstsOf(fixture, 'example.com')).toBe('max-age=31536000');
      expect(await hstsOf(fixture, 'acme.example.com', '/manage/login')).toBe('max-age=31536000');
      expect(await hstsOf(fixture, 'login.acme.example')).toBe('max-age=31536000');
    });
  });
});

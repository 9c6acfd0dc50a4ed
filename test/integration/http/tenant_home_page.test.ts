import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildClient } from '../../../src/domain/clients.js';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

const MASTER_KEY = randomBytes(32).toString('base64');
const SESSION_SECRET = randomBytes(32).toString('hex');

/**
 * GET / on a tenant's host, the address `npm start` prints: a small public page naming fitgate and
 * the tenant, with links to the dashboard and the discovery document, the same on every kind of
 * tenant host, cacheable, under the pages' security headers, and holding nothing secret.
 */
describe("a tenant host's home page", () => {
  let fixture: TestApp;
  let clientSecret: string;

  beforeAll(async () => {
    fixture = await startTestApp({ FITGATE_PUBLIC_URL: 'http://localhost:3000', FITGATE_MASTER_KEY: MASTER_KEY, FITGATE_SESSION_SECRETS: SESSION_SECRET });
    await fixture.addTenant('default');
    await fixture.addTenant('acme', ['login.acme.example']);
    const built = buildClient({ tenant: 'default', name: 'Web App', appType: 'regular_web' });
    await fixture.store.clients.create(built.client);
    clientSecret = built.clientSecret ?? '';
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  const home = (host: string) => request(fixture.app).get('/').set('Host', host).set('Accept', 'text/html');

  it('names fitgate and the tenant, and links to the dashboard and the discovery document', async () => {
    const response = await home('localhost:3000').expect(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('fitgate: tenant default');
    expect(response.text).toContain('href="/manage"');
    expect(response.text).toContain('href="/.well-known/openid-configuration"');
    expect(response.text).toContain('<code>http://localhost:3000/</code>');
  });

  it('answers the same way on a tenant subdomain and on a tenant own domain, with that tenant', async () => {
    for (const host of ['acme.localhost:3000', 'login.acme.example']) {
      const response = await home(host).expect(200);
      expect({ host, named: response.text.includes('fitgate: tenant acme') }).toEqual({ host, named: true });
    }
    expect((await home('login.acme.example')).text).toContain('<code>http://login.acme.example/</code>');
  });

  it('may be cached, starts no session, and lives under the pages’ security headers', async () => {
    const response = await home('localhost:3000').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('shows nothing secret: no master key, session secret or client secret', async () => {
    const { text } = await home('localhost:3000').expect(200);
    expect(clientSecret).not.toBe('');
    for (const secret of [MASTER_KEY, SESSION_SECRET, clientSecret]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/secret|password/i);
  });

  it('still answers an unknown host with the 404 page', async () => {
    await home('nobody.localhost:3000').expect(404);
  });
});

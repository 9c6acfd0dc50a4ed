import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { resolveTenant } from '../../../src/http/resolve_tenant.js';
import { errorHandler } from '../../../src/http/error_handler.js';
import { views } from '../../../src/http/views.js';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

/** The real resolver on the real embedded store, behind a probe route that reports what it found. */
function probeApp(fixture: TestApp, trustProxy: string | false = false): express.Express {
  const app = express();
  app.set('trust proxy', trustProxy);
  app.use(resolveTenant(fixture.config, fixture.store.tenants));
  app.get('/probe', (req, res) => {
    res.json({ tenant: req.context.tenant.name, tenantUrl: req.context.tenantUrl });
  });
  app.use(errorHandler(views(), { error: () => undefined }));
  return app;
}

describe('tenant resolution by Host', () => {
  let fixture: TestApp;
  let app: express.Express;

  beforeAll(async () => {
    fixture = await startTestApp({ FITGATE_PUBLIC_URL: 'http://localhost:3000' });
    await fixture.addTenant('default');
    await fixture.addTenant('acme', ['login.acme.example', 'sso.acme.example:8443']);
    app = probeApp(fixture);
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  const probe = (host: string) => request(app).get('/probe').set('Host', host);

  it('gives the bare base host to the default tenant, keeping scheme and port in its URL', async () => {
    const response = await probe('localhost:3000');
    expect(response.body).toEqual({ tenant: 'default', tenantUrl: 'http://localhost:3000' });
  });

  it('gives NAME.<base host> to tenant NAME', async () => {
    const response = await probe('acme.localhost:3000');
    expect(response.body).toEqual({ tenant: 'acme', tenantUrl: 'http://acme.localhost:3000' });
  });

  it('ignores the case of the Host header', async () => {
    const response = await probe('ACME.LocalHost:3000');
    expect(response.body.tenant).toBe('acme');
  });

  it("gives a tenant's own domain to that tenant, with the domain as its URL", async () => {
    const response = await probe('login.acme.example');
    expect(response.body).toEqual({ tenant: 'acme', tenantUrl: 'http://login.acme.example' });
    const withPort = await probe('sso.acme.example:8443');
    expect(withPort.body).toEqual({ tenant: 'acme', tenantUrl: 'http://sso.acme.example:8443' });
  });

  it('answers an unknown subdomain with a 404 page, never the default tenant', async () => {
    const response = await probe('nobody.localhost:3000').set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('There is no fitgate tenant at nobody.localhost:3000');
    expect(response.text).not.toContain('"tenant"');
  });

  it('answers an unknown host, and the base host on another port, with a 404', async () => {
    expect((await probe('evil.example')).status).toBe(404);
    expect((await probe('localhost:3001')).status).toBe(404);
  });

  it('refuses a nested subdomain and the default tenant by name', async () => {
    expect((await probe('a.acme.localhost:3000')).status).toBe(404);
    expect((await probe('default.localhost:3000')).status).toBe(404);
  });

  it('ignores X-Forwarded-Host unless FITGATE_TRUST_PROXY trusts the proxy that sent it', async () => {
    const untrusted = await probe('localhost:3000').set('X-Forwarded-Host', 'acme.localhost:3000');
    expect(untrusted.body.tenant).toBe('default');
    const trusted = await request(probeApp(fixture, 'loopback'))
      .get('/probe')
      .set('Host', '127.0.0.1:3000')
      .set('X-Forwarded-Host', 'acme.localhost:3000');
    expect(trusted.body.tenant).toBe('acme');
  });

  it('answers a program asking for JSON with a JSON 404', async () => {
    const response = await probe('nobody.localhost:3000').set('Accept', 'application/json');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not_found', error_description: 'There is no fitgate tenant at nobody.localhost:3000.' });
  });
});

describe('tenant resolution behind an https public URL', () => {
  let fixture: TestApp;
  let app: express.Express;

  beforeAll(async () => {
    fixture = await startTestApp({ FITGATE_PUBLIC_URL: 'https://id.example.com' });
    await fixture.addTenant('default');
    await fixture.addTenant('acme');
    app = probeApp(fixture);
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  it("treats the scheme's default port as no port and builds https tenant URLs", async () => {
    const response = await request(app).get('/probe').set('Host', 'acme.id.example.com:443');
    expect(response.body).toEqual({ tenant: 'acme', tenantUrl: 'https://acme.id.example.com' });
  });
});

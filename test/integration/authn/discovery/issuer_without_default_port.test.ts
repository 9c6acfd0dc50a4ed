import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from '../../http/app_fixture.js';

/**
 * FITGATE_PUBLIC_URL=https://id.example.com:443 publishes the issuer as clients write it, without
 * the default port: clients that normalise the URL they were given (new URL(), openid-client's
 * discovery check) expect https://id.example.com/ and refuse an issuer with :443 in it.
 */
describe('discovery under a public URL written with its default port', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ FITGATE_PUBLIC_URL: 'https://id.example.com:443' });
    await fixture.addTenant('default');
    await fixture.addTenant('acme');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  it.each([
    ['id.example.com', 'https://id.example.com'],
    ['id.example.com:443', 'https://id.example.com'],
    ['acme.id.example.com', 'https://acme.id.example.com'],
  ])('names the issuer and endpoints on %s without :443', async (host, url) => {
    const response = await request(fixture.app).get('/.well-known/openid-configuration').set('Host', host).expect(200);
    expect(response.body).toMatchObject({ issuer: `${url}/`, authorization_endpoint: `${url}/authorize`, jwks_uri: `${url}/.well-known/jwks.json` });
    expect(response.text).not.toContain(':443');
  });
});

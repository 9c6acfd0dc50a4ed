import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

/**
 * This machine opened under another of its names than the public URL's (localhost for a 127.0.0.1
 * public URL, 127.0.0.1 for a localhost one) is the same server: the 404 names the URL that answers,
 * on the page for a person and in the JSON description for a program (curl's default Accept).
 */
describe('a loopback name the public URL does not use', () => {
  let byAddress: TestApp;
  let byName: TestApp;

  beforeAll(async () => {
    byAddress = await startTestApp({ FITGATE_PUBLIC_URL: 'http://127.0.0.1:3000' });
    await byAddress.addTenant('default');
    byName = await startTestApp({ FITGATE_PUBLIC_URL: 'http://localhost:3000' });
    await byName.addTenant('default');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(async () => {
    await byAddress?.cleanup();
    await byName?.cleanup();
  }, FIXTURE_TIMEOUT_MS);

  it('at localhost, with a 127.0.0.1 public URL, asks "Did you mean 127.0.0.1?" and links to the dashboard there', async () => {
    const response = await request(byAddress.app).get('/manage').set('Host', 'localhost:3000').set('Accept', 'text/html').expect(404);
    expect(response.text).toContain('Did you mean 127.0.0.1?');
    expect(response.text).toContain('<a href="http://127.0.0.1:3000/manage">http://127.0.0.1:3000/manage</a>');
    expect(response.text).not.toContain('fitgate does not serve this address');
  });

  it('names the URL that answers in the JSON a program gets, either way round', async () => {
    const atName = await request(byAddress.app).get('/').set('Host', 'localhost:3000').expect(404);
    expect(atName.body).toEqual({
      error: 'not_found',
      error_description: 'There is no fitgate tenant at localhost:3000. This fitgate answers at http://127.0.0.1:3000.',
    });
    const atAddress = await request(byName.app).get('/').set('Host', '127.0.0.1:3000').expect(404);
    expect(atAddress.body.error_description).toBe('There is no fitgate tenant at 127.0.0.1:3000. This fitgate answers at http://localhost:3000.');
  });

  it('keeps the set-FITGATE_PUBLIC_URL advice for the same name at another port (a port mapped to fitgate)', async () => {
    const response = await request(byName.app).get('/manage').set('Host', 'localhost:8080').set('Accept', 'text/html').expect(404);
    expect(response.text).toContain('fitgate does not serve this address');
    expect(response.text).not.toContain('Did you mean');
  });
});

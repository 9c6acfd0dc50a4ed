import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

/**
 * A host that names no tenant gets a 404 page whose advice works: it names the address fitgate does
 * serve (FITGATE_PUBLIC_URL) and links to the dashboard there, never to /manage on the same unknown
 * host, which is the same 404.
 */
describe('the page for a host that names no tenant', () => {
  let local: TestApp;
  let remote: TestApp;

  beforeAll(async () => {
    local = await startTestApp({ FITGATE_PUBLIC_URL: 'http://localhost:3000' });
    await local.addTenant('default');
    remote = await startTestApp({ FITGATE_PUBLIC_URL: 'https://id.example.com' });
    await remote.addTenant('default');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(async () => {
    await local?.cleanup();
    await remote?.cleanup();
  }, FIXTURE_TIMEOUT_MS);

  const page = (fixture: TestApp, host: string) => request(fixture.app).get('/manage').set('Host', host).set('Accept', 'text/html');
  const links = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1] ?? '');

  it.each([
    ['a port mapped to fitgate', 'localhost:8080'],
    ['an address on the network', '10.1.2.3:3961'],
    ['another host name', 'fitgate-box.lan:3000'],
  ])('at %s names FITGATE_PUBLIC_URL and links to the dashboard it names', async (_case, host) => {
    const response = await page(local, host).expect(404);
    expect(response.text).toContain(`There is no fitgate tenant at ${host}.`);
    expect(response.text).toContain('fitgate does not serve this address');
    expect(response.text).toContain('<code>FITGATE_PUBLIC_URL</code> names, <a href="http://localhost:3000">http://localhost:3000</a>');
    expect(response.text).toContain('<code>http://NAME.localhost:3000</code>');
    expect(response.text).toContain('set <code>FITGATE_PUBLIC_URL</code> to this address');
    expect(links(response.text)).toContain('http://localhost:3000/manage');
    expect(links(response.text)).not.toContain('/manage');
  });

  it('for a tenant name nobody has, links to the dashboard at the public URL without the FITGATE_PUBLIC_URL advice', async () => {
    const response = await page(local, 'nobody.localhost:3000').expect(404);
    expect(response.text).toContain('Each tenant has its own address, <code>http://NAME.localhost:3000</code>');
    expect(response.text).not.toContain('FITGATE_PUBLIC_URL');
    expect(links(response.text)).toContain('http://localhost:3000/manage');
    expect(links(response.text)).not.toContain('/manage');
  });

  it('does not suggest localhost for 127.0.0.1 when the public URL is elsewhere', async () => {
    const response = await page(remote, '127.0.0.1:3000').expect(404);
    expect(response.text).not.toContain('Did you mean localhost?');
    expect(response.text).toContain('<a href="https://id.example.com">https://id.example.com</a>');
    expect(links(response.text)).toContain('https://id.example.com/manage');
  });

  it('builds no link from the Host header, and prints it escaped', async () => {
    const host = 'evil.example"><a href="https://evil.example/';
    const response = await page(local, host).expect(404);
    expect(response.text).not.toContain(host);
    expect(response.text).toContain('evil.example&quot;&gt;&lt;a href=&quot;https://evil.example/');
    expect(links(response.text).every((href) => !href.includes('evil'))).toBe(true);
  });

  it('keeps the JSON answer to a program as it was', async () => {
    const response = await request(local.app).get('/userinfo').set('Host', 'localhost:8080').set('Accept', 'application/json').expect(404);
    expect(response.body).toEqual({ error: 'not_found', error_description: 'There is no fitgate tenant at localhost:8080.' });
  });
});

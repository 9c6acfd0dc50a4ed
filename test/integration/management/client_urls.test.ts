import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { useManagementHarness, TENANT } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-client-urls', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

const clientCount = async () => (await harness.store.clients.list(TENANT, { page: 0, perPage: 100 })).total;

/** The application URL rule on /api/v2/clients: the same rule the dashboard applies. */
describe('URLs an application registers through the Management API', () => {
  it.each([
    ['callbacks', 'javascript:alert(1)//', 'uses the javascript: scheme, which is never allowed'],
    ['callbacks', 'https://app.example/cb#fragment', 'must not contain a fragment'],
    ['callbacks', 'https://*.app.example/cb', 'must not contain wildcards'],
    ['callbacks', 'http://app.example/cb', 'must use https'],
    ['callbacks', 'https://user:pw@app.example/cb', 'must not contain a user name or password'],
    ['callbacks', '/relative/cb', 'is not an absolute URL'],
    ['callbacks', 'com.example.app:/cb', 'uses a custom scheme, which only native applications may use'],
    ['allowed_logout_urls', 'javascript:alert(1)//', 'uses the javascript: scheme, which is never allowed'],
    ['allowed_logout_urls', 'data:text/html,hi', 'uses the data: scheme, which is never allowed'],
    ['allowed_logout_urls', 'http://evil.example/', 'must use https'],
    ['web_origins', 'https://app.example/path', 'must be an origin only'],
    ['allowed_origins', 'http://app.example', 'must use https'],
  ])('refuses %s [%s] at creation with 400 naming the field, index and value', async (field, value, problem) => {
    const before = await clientCount();
    const response = await harness.call('post', '/clients', admin, { name: 'Refused', [field]: ['https://ok.example', value] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body' });
    expect(response.body.message).toContain(`'${value} ${problem}`);
    expect(response.body.message).toMatch(new RegExp(`on property ${field}\\.1\\.$`));
    expect(await clientCount()).toBe(before);
  });

  it('accepts https, loopback http, and a reverse-domain scheme for a native application', async () => {
    const native = await harness.call('post', '/clients', admin, {
      name: 'Phone',
      app_type: 'native',
      callbacks: ['com.example.steps:/callback', 'http://127.0.0.1:7777/cb'],
      allowed_logout_urls: ['com.example.steps:/signed-out'],
    });
    expect(native.status).toBe(201);
    const web = await harness.call('post', '/clients', admin, {
      name: 'Web',
      callbacks: ['https://app.example/cb', 'http://localhost:3000/cb'],
      web_origins: ['https://app.example'],
      allowed_origins: ['http://localhost:3000'],
    });
    expect(web.status).toBe(201);
    expect(web.body).toMatchObject({ web_origins: ['https://app.example'], allowed_origins: ['http://localhost:3000'] });
    const read = await harness.call('get', `/clients/${web.body.client_id}`, admin);
    expect(read.body).toMatchObject({ web_origins: ['https://app.example'], allowed_origins: ['http://localhost:3000'] });
  });

  it('refuses the same URLs in a PATCH and leaves the client as it was', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Patched', callbacks: ['https://app.example/cb'] });
    const refused = await harness.call('patch', `/clients/${created.body.client_id}`, admin, { allowed_logout_urls: ['javascript:alert(1)//'] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/on property allowed_logout_urls\.0\.$/);
    expect((await harness.store.clients.get(TENANT, created.body.client_id))?.allowedLogoutUrls).toEqual([]);
  });

  it('refuses turning a native application into a web one while it keeps a custom-scheme callback', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Was native', app_type: 'native', callbacks: ['com.example.app:/cb'] });
    const refused = await harness.call('patch', `/clients/${created.body.client_id}`, admin, { app_type: 'regular_web' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/only native applications may use.* on property callbacks\.0\.$/);
    expect((await harness.store.clients.get(TENANT, created.body.client_id))?.appType).toBe('native');
  });

  it('still renames a client whose URLs were stored before the rule (they are refused where they are followed)', async () => {
    const { client } = await createClient(harness.store.clients, { tenant: TENANT, name: 'Old', appType: 'regular_web', callbacks: ['javascript:alert(1)//'] });
    const renamed = await harness.call('patch', `/clients/${client.clientId}`, admin, { name: 'Old, renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Old, renamed', callbacks: ['javascript:alert(1)//'] });
  });
});

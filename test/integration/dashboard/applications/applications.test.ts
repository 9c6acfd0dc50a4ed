import { describe, expect, it } from '@jest/globals';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/** Applications: list, create each type, validated settings, delete with confirmation. */
describe('applications in the dashboard', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  /** Creates an application as a browser would: the POST redirects to its credentials page. */
  async function createAndShow(name: string, appType: string) {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name, app_type: appType });
    expect(created.status).toBe(303);
    return dashboard.agent().get(String(created.headers.location)).expect(200);
  }

  async function create(name: string, appType: string): Promise<string> {
    return /id="client-id">([^<]+)</.exec((await createAndShow(name, appType)).text)![1]!;
  }

  it.each([
    ['regular_web', 'client_secret_post', true],
    ['spa', 'none', false],
    ['native', 'none', false],
    ['non_interactive', 'client_secret_post', true],
  ])('creates a %s application with auth method %s (secret shown: %s)', async (appType, method, hasSecret) => {
    const created = await createAndShow(`App ${appType}`, appType);
    expect(created.text.includes('id="client-secret"')).toBe(hasSecret);
    const clientId = /id="client-id">([^<]+)</.exec(created.text)![1]!;
    const client = await dashboard.harness().store.clients.get('default', clientId);
    expect(client).toMatchObject({ appType, tokenEndpointAuthMethod: method, name: `App ${appType}` });
    expect((await dashboard.agent().get(list).expect(200)).text).toContain(`App ${appType}`);
  });

  it('refuses a missing name or an unknown type, next to the field', async () => {
    const refused = await submitForm(dashboard.agent(), `${list}/new`, list, { name: '', app_type: 'mainframe' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="name-error"');
    expect(refused.text).toContain('id="app_type-error"');
  });

  it('saves absolute https callback and logout URLs, and http only for localhost', async () => {
    const clientId = await create('Settings', 'regular_web');
    const page = `${list}/${clientId}`;
    const saved = await submitForm(dashboard.agent(), page, page, {
      name: 'Settings renamed',
      callbacks: 'https://app.example/callback\nhttp://localhost:8080/callback',
      allowed_logout_urls: 'https://app.example/\r\nhttp://127.0.0.1:8080/',
    });
    expect(saved.status).toBe(303);
    expect(await dashboard.harness().store.clients.get('default', clientId)).toMatchObject({
      name: 'Settings renamed',
      callbacks: ['https://app.example/callback', 'http://localhost:8080/callback'],
      allowedLogoutUrls: ['https://app.example/', 'http://127.0.0.1:8080/'],
    });
  });

  it.each([
    ['/callback', 'is not an absolute URL'],
    ['http://app.example/callback', 'must use https'],
    ['https://app.example/callback#frag', 'must not contain a fragment'],
    ['https://*.app.example/callback', 'must not contain wildcards'],
    ['javascript:alert(1)//', 'javascript: scheme, which is never allowed'],
    ['https://user@app.example/callback', 'must not contain a user name or password'],
    ['com.example.app:/callback', 'only native applications may use'],
  ])('refuses the callback URL %s and keeps the stored ones', async (url, problem) => {
    const clientId = await create(`Refused ${url}`, 'regular_web');
    const page = `${list}/${clientId}`;
    const refused = await submitForm(dashboard.agent(), page, page, { name: 'Refused', callbacks: url, allowed_logout_urls: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(new RegExp(`id="callbacks-error">[^<]*${problem}`));
    expect((await dashboard.harness().store.clients.get('default', clientId))?.callbacks).toEqual([]);
  });

  it('saves web origins as origins only, refusing a path next to the field', async () => {
    const clientId = await create('Origins', 'spa');
    const page = `${list}/${clientId}`;
    const refused = await submitForm(dashboard.agent(), page, page, { name: 'Origins', web_origins: 'https://app.example/path' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="web_origins-error">[^<]*must be an origin only/);
    const saved = await submitForm(dashboard.agent(), page, page, { name: 'Origins', web_origins: 'https://app.example', allowed_origins: 'http://localhost:5173' });
    expect(saved.status).toBe(303);
    expect(await dashboard.harness().store.clients.get('default', clientId)).toMatchObject({
      webOrigins: ['https://app.example'],
      allowedOrigins: ['http://localhost:5173'],
    });
  });

  it('lets a native application use a reverse-domain scheme', async () => {
    const clientId = await create('Phone', 'native');
    const page = `${list}/${clientId}`;
    await submitForm(dashboard.agent(), page, page, { name: 'Phone', callbacks: 'com.example.steps:/callback', allowed_logout_urls: '' }).then((r) =>
      expect(r.status).toBe(303),
    );
  });

  it('deletes only after the confirmation page', async () => {
    const clientId = await create('Doomed', 'spa');
    const confirm = await dashboard.agent().get(`${list}/${clientId}/delete`).expect(200);
    expect(confirm.text).toContain('Delete Doomed?');
    expect(await dashboard.harness().store.clients.get('default', clientId)).toBeDefined();
    await submitForm(dashboard.agent(), `${list}/${clientId}/delete`, `${list}/${clientId}/delete`, {}).then((r) => expect(r.status).toBe(303));
    expect(await dashboard.harness().store.clients.get('default', clientId)).toBeUndefined();
    await dashboard.agent().get(`${list}/${clientId}`).expect(404);
  });
});

import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard/dashboard_harness.js';
import { pressTryToFailure } from '../dashboard/try_helpers.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';
const FITBIT_NOTICE = 'Sandbox: no real Fitbit account is used.';

/**
 * The sandbox on, and two plugins: Acme (a fake, first in the registry), whose
 * upstream the sandbox does not play, and Fitbit, whose upstreams it does. Neither connection has
 * credentials. Acme's is not set up, exactly as with the sandbox off: not shown or offered as a
 * sandbox anywhere, and no login of it reaches the sandbox; Fitbit's stays in the sandbox as before.
 */
describe('the sandbox beside a plugin it does not play', () => {
  const dashboard = useSignedInDashboard({ plugins: new Map([['acme', fakePlugin()], ...connectionPlugins()]), environment: { FITGATE_SANDBOX: 'on' } });
  const social = '/manage/t/default/social';
  let clientId = '';

  beforeAll(async () => {
    const agent = dashboard.agent();
    expect((await submitForm(agent, `${social}/acme`, `${social}/acme`, { api: 'acme-v2', client_id: '', client_secret: '', scope: ['steps'] })).status).toBe(303);
    expect((await submitForm(agent, `${social}/fitbit`, `${social}/fitbit`, { api: 'google-health', client_id: '', client_secret: '', scope: ['activity'] })).status).toBe(303);
    const { store } = dashboard.harness();
    ({ client: { clientId } } = await createClient(store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
  });

  /** The list item of one plugin on Authentication → Social. */
  async function listEntry(strategy: string): Promise<string> {
    const { text } = await dashboard.agent().get(social).expect(200);
    const start = text.indexOf(`<a href="${social}/${strategy}">`);
    expect(start).toBeGreaterThan(0);
    return text.slice(start, text.indexOf('</li>', start));
  }

  async function enableFor(...connections: string[]): Promise<void> {
    const { store } = dashboard.harness();
    for (const name of ['acme', 'fitbit']) {
      const connection = (await store.connections.getByName('default', name))!;
      await store.connections.update({ ...connection, enabledClients: connections.includes(name) ? [clientId] : [] });
    }
  }

  function authorize(params: Record<string, string> = {}) {
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid', state: 'st', ...params });
    return request(dashboard.harness().app).get(`/authorize?${query}`).set('Host', HOST);
  }

  it('lists the Acme connection as needing a Client ID, with no TRY, and Fitbit’s as a sandbox with TRY', async () => {
    const acme = await listEntry('acme');
    expect(acme).toContain('>Needs a Client ID</span>');
    expect(acme).not.toContain('Sandbox');
    expect(acme).not.toContain('/try"');
    const fitbit = await listEntry('fitbit');
    expect(fitbit).toContain('>Sandbox</span>');
    // The plugin brings the sandbox, so the list names it by the plugin's displayName.
    expect(fitbit).toContain('<span class="hint">Fitbit sandbox, no credentials</span>');
    expect(fitbit).toContain(`action="${social}/fitbit/try"`);
  });

  it('says nothing of the sandbox on the Acme settings page, and what it always said on Fitbit’s', async () => {
    const acme = (await dashboard.agent().get(`${social}/acme`).expect(200)).text;
    expect(acme).not.toContain('sandbox');
    const fitbit = (await dashboard.agent().get(`${social}/fitbit`).expect(200)).text;
    expect(fitbit).toContain('runs in <strong>sandbox</strong> mode');
    expect(fitbit).toContain('Leave it empty to use the sandbox.');
  });

  it('counts only Fitbit’s connection as using the sandbox on the checklist, which it marks the credentials step done for', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(text).toMatch(/<li class="done" data-step="credentials">/);
    expect(text).toContain('<span class="hint">(using the sandbox: no real Fitbit account needed yet)</span>');
    expect(text).not.toContain('Acme account');
  });

  it('does not send a TRY of the Acme connection to the sandbox: it is not configured', async () => {
    const { text } = await pressTryToFailure(dashboard.agent(), 'default', 'acme');
    expect(text).toContain('The connection &quot;acme&quot; has no upstream client id yet; an administrator must configure it.');
    expect(text).not.toContain('Sandbox:');
  });

  it('shows no sandbox banner on Universal Login when only the Acme connection is offered', async () => {
    await enableFor('acme');
    const { text } = await authorize().expect(200);
    expect(text).toContain('Continue with Acme');
    expect(text).not.toContain('banner-sandbox');
  });

  it('names only Fitbit in the banner when both are offered', async () => {
    await enableFor('acme', 'fitbit');
    const { text } = await authorize().expect(200);
    expect(text).toContain('Continue with Acme');
    expect(text).toContain(`<p class="banner banner-sandbox" role="status">${FITBIT_NOTICE}</p>`);
  });

  it('sends a login through the Acme connection back to the application unconfigured, and Fitbit’s to the sandbox', async () => {
    await enableFor('acme', 'fitbit');
    const acme = new URL(String((await authorize({ connection: 'acme' }).expect(302)).headers.location));
    expect(`${acme.origin}${acme.pathname}`).toBe(CLIENT_CALLBACK);
    expect(acme.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(acme.searchParams.get('error_description')).toContain('has no upstream client id yet');
    const fitbit = new URL(String((await authorize({ connection: 'fitbit' }).expect(302)).headers.location));
    expect(fitbit.pathname.startsWith('/_sandbox/accounts.google.com/')).toBe(true);
  });
});

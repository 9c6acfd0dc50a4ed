import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { createClient } from '../../../../src/domain/clients.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { minimalConnection, minimalOAuth2Plugin } from '../../../support/minimal_plugin.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../../dashboard/dashboard_harness.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * Real logins through a plugin that leaves wording, permissionAreas, authorizationPrompt and
 * explainFailure to the host (test/support/minimal_plugin.ts): "trailmark". Beside it,
 * "trailmark_prompted", the same plugin spelling the prompt itself, shows that its strategy puts a
 * prompt in the authorize URL whenever the host passes one.
 */
describe('a login through a plugin that leaves its optional members to the host', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let clientId = '';

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const minimal = minimalOAuth2Plugin(upstream.url);
    const prompted: ConnectionPlugin = { ...minimal, strategy: 'trailmark_prompted', authorizationPrompt: (_api, prompt) => (prompt.includes('login') ? 'force' : undefined) };
    harness = await startDashboardHarness({ plugins: new Map<string, ConnectionPlugin>([[minimal.strategy, minimal], [prompted.strategy, prompted]]) });
    ({ client: { clientId } } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    for (const strategy of ['trailmark', 'trailmark_prompted']) {
      await harness.store.connections.create(minimalConnection(upstream, harness.deps.sealer, { strategy, enabledClients: [clientId] }));
    }
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  /** Sends a browser to /authorize with the client's `prompt` and on to the upstream; returns where the upstream sent it back. */
  async function toCallback(connection: string, prompt: string) {
    const browser = request.agent(harness.app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid', state: 'client-st', connection, prompt });
    const authorizeUrl = new URL(String((await browser.get(`/authorize?${query}`).expect(302)).headers.location));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${upstream.url}/authorize`);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    return { browser, authorizeUrl, back };
  }

  const toClient = (response: request.Response) => new URL(String(response.headers.location));

  it('sends no prompt upstream, though the client asked to log in again and to consent, and logs the user in', async () => {
    const { browser, authorizeUrl, back } = await toCallback('trailmark', 'login consent');
    expect(authorizeUrl.searchParams.has('prompt')).toBe(false);
    const answer = toClient(await browser.get(`/login/callback${back.search}`).expect(302));
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('code')).toEqual(expect.any(String));
    expect(await harness.store.users.findByIdentity('default', 'trailmark', 'athlete-7')).toMatchObject({ userId: 'trailmark|athlete-7' });
  });

  it('sends the prompt a plugin spells itself, through the same strategy', async () => {
    const { authorizeUrl } = await toCallback('trailmark_prompted', 'login');
    expect(authorizeUrl.searchParams.get('prompt')).toBe('force');
  });

  it('names the upstream by the plugin’s display name in what the client is told', async () => {
    upstream.deny(true);
    try {
      const { browser, back } = await toCallback('trailmark', 'consent');
      const answer = toClient(await browser.get(`/login/callback${back.search}`).expect(302));
      expect(answer.searchParams.get('error')).toBe('access_denied');
      expect(answer.searchParams.get('error_description')).toBe('The user did not allow access at Trailmark.');
    } finally {
      upstream.deny(false);
    }
  });
});

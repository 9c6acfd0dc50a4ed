import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { acmeConnection } from '../../../support/acme_connections.js';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { acmeOAuth2Plugin } from '../../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../../dashboard/dashboard_harness.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * The Acme plugin keeping the contract of PluginClientOptions.upstreamBaseUrl, as a real plugin
 * must: given a base, it calls its upstream under it (https://HOST/PATH → BASE/HOST/PATH). Were the
 * host to hand it FITGATE_UPSTREAM_BASE_URL, its login would go to the emulator, which plays no Acme.
 */
function acmeHonouringBaseUrl(upstream: FakeOAuth2Upstream): ConnectionPlugin {
  const plugin = acmeOAuth2Plugin({ upstreamUrl: upstream.url });
  return {
    ...plugin,
    createStrategy: (options, verify) => {
      const upstreamUrl = options.upstreamBaseUrl ? `${options.upstreamBaseUrl}/${new URL(upstream.url).host}` : upstream.url;
      return acmeOAuth2Plugin({ upstreamUrl }).createStrategy(options, verify);
    },
  };
}

/**
 * With FITGATE_UPSTREAM_BASE_URL pointing at the emulator, a login through a plugin the emulator
 * does not play reaches that plugin's own upstream, while Fitbit's still reaches the emulator.
 */
describe('FITGATE_UPSTREAM_BASE_URL and a plugin the emulator does not play', () => {
  let emulator: TestEmulator;
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let clientId = '';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    upstream = await startFakeOAuth2Upstream();
    const acme = acmeHonouringBaseUrl(upstream);
    harness = await startDashboardHarness({
      plugins: new Map([...connectionPlugins(), [acme.strategy, acme]]),
      environment: { FITGATE_UPSTREAM_BASE_URL: emulator.url },
    });
    ({ client: { clientId } } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, 'acme', [clientId]));
    const fitbit = acmeConnection(upstream, harness.deps.sealer, 'fitbit', [clientId]);
    await harness.store.connections.create({ ...fitbit, options: { ...fitbit.options, api: 'google-health', scope: ['activity', 'profile'], clientId: 'fitbit-app.apps.googleusercontent.com' } });
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
    await emulator?.close();
  });

  const startLogin = (browser: ReturnType<typeof request.agent>, connection: string) => {
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid profile', state: 'client-st', connection });
    return browser.get(`/authorize?${query}`).expect(302);
  };

  it('logs the user in through the Acme upstream itself, never through the emulator', async () => {
    const browser = request.agent(harness.app).host(HOST);
    const authorizeUrl = new URL(String((await startLogin(browser, 'acme')).headers.location));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${upstream.url}/authorize`);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const exchanges = upstream.tokenRequests.length;
    const answer = new URL(String((await browser.get(`/login/callback${back.search}`).expect(302)).headers.location));
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('code')).toEqual(expect.any(String));
    expect(upstream.tokenRequests).toHaveLength(exchanges + 1);
  });

  it('still sends a Fitbit login to the emulator', async () => {
    const browser = request.agent(harness.app).host(HOST);
    const authorizeUrl = new URL(String((await startLogin(browser, 'fitbit')).headers.location));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${emulator.url}/accounts.google.com/o/oauth2/v2/auth`);
  });
});

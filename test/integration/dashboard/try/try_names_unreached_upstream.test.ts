import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Connection } from '../../../../src/domain/types.js';
import { acmeOAuth2Plugin } from '../../../support/fake_plugin.js';
import { refusedUrl } from '../../../support/loopback_http_server.js';
import { startSelfSignedHttpsServer, type SelfSignedHttpsServer } from '../../../support/self_signed_https_server.js';
import { csrfFrom, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { continueUrlOf } from '../try_helpers.js';

/**
 * A TRY whose code exchange never reaches the upstream, because the certificate shown is one Node
 * does not trust (as behind a TLS-inspecting proxy without its CA in NODE_EXTRA_CA_CERTS) or the
 * connection is refused: the admin can fix either on this server's side, so the result page names
 * it, with Node's code and words, rather than calling the upstream unavailable. A user's login with
 * the same cause is still told temporarily_unavailable, which is what the log event's `error` says.
 */
describe('TRY naming an upstream it never reached', () => {
  let selfSigned: SelfSignedHttpsServer;
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    selfSigned = await startSelfSignedHttpsServer();
    const plugins = [
      acmeOAuth2Plugin({ upstreamUrl: selfSigned.url, strategy: 'acme_untrusted' }),
      acmeOAuth2Plugin({ upstreamUrl: await refusedUrl(), strategy: 'acme_refused' }),
    ];
    harness = await startDashboardHarness({ plugins: new Map(plugins.map((plugin) => [plugin.strategy, plugin])) });
    for (const { strategy } of plugins) await harness.store.connections.create(connectionOf(strategy));
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await selfSigned?.close();
  });

  function connectionOf(strategy: string): Connection {
    const now = new Date().toISOString();
    return {
      tenant: 'default',
      id: `con_${strategy.replace('_', '')}0000`,
      name: strategy,
      strategy,
      options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login', clientId: 'acme-client', clientSecret: harness.deps.sealer.seal('acme-secret') },
      enabledClients: [],
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Presses Try, comes back to the callback with a code as the browser would from the upstream's
   * sign-in page (the browser's to reach, with its own trust), and follows fitgate to the result page.
   */
  async function runTry(strategy: string): Promise<string> {
    const page = `/manage/t/default/social/${strategy}`;
    const _csrf = await csrfFrom(agent, page);
    const pressed = await agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(200);
    const state = new URL(continueUrlOf(pressed.text)).searchParams.get('state') ?? '';
    const handedOver = await agent.get(`/login/callback?${new URLSearchParams({ code: 'a-code', state })}`).expect(303);
    const finished = await agent.get(String(handedOver.headers.location)).expect(303);
    return (await agent.get(new URL(String(finished.headers.location)).pathname).expect(200)).text;
  }

  const lastFailedTry = async () => (await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' })).items[0];

  it('names a certificate Node does not trust, with Node’s code (its words, which may name the operator’s addresses, only in the process log), and where to fix it', async () => {
    const page = await runTry('acme_untrusted');
    expect(page).toContain('Try failed');
    expect(page).toContain('token: no answer (DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(page).toContain('could not open a trusted TLS connection to the upstream');
    expect(page).toContain('NODE_EXTRA_CA_CERTS');
    expect(page).not.toContain('The upstream could not be reached or answered with a server error.');
    expect(selfSigned.requests()).toBe(0);
    expect(await lastFailedTry()).toMatchObject({
      connection: 'acme_untrusted',
      details: { try: true, error: 'temporarily_unavailable', source: 'upstream', upstream_kind: 'unavailable', try_failure: 'tls' },
    });
  });

  it('names a refused connection as a network failure on this server’s side', async () => {
    const page = await runTry('acme_refused');
    expect(page).toContain('Try failed');
    expect(page).toMatch(/token: no answer \(ECONNREFUSED\)/);
    expect(page).toContain('The connection from this server to the upstream failed before any answer');
    expect(page).not.toContain('NODE_EXTRA_CA_CERTS');
    expect(await lastFailedTry()).toMatchObject({ connection: 'acme_refused', details: { upstream_kind: 'unavailable', try_failure: 'network' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { acmeConnection, acmePlugins } from '../../../support/acme_connections.js';
import { UNDECLARED_PROFILE_VALUE } from '../../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { csrfFrom, HOST, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { continueUrlOf, pressTryToFailure } from '../try_helpers.js';

/**
 * TRY of connections whose plugin is on the shared OAuth2LoginStrategy against a fake OAuth 2.0 upstream on
 * loopback (the same plugins a real login is tested with, test/integration/authn/login/
 * plain_oauth2_upstream.test.ts): TRY reads each round trip as a real login does.
 */
describe('TRY through an upstream that speaks plain OAuth 2.0', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const plugins = acmePlugins(upstream);
    harness = await startDashboardHarness({ plugins });
    for (const strategy of plugins.keys()) await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, strategy, []));
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });


  async function pressTry(strategy: string, status: number) {
    const page = `/manage/t/default/social/${strategy}`;
    const _csrf = await csrfFrom(agent, page);
    return agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(status);
  }

  /** Presses Try, lets the upstream answer, changes its answer with `edit`, and follows fitgate to the result page. */
  async function runTry(strategy: string, edit: (query: URLSearchParams) => void = () => undefined): Promise<string> {
    const authorizeUrl = continueUrlOf((await pressTry(strategy, 200)).text);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`http://${HOST}/login/callback`);
    edit(back.searchParams);
    const handedOver = await agent.get(`/login/callback${back.search}`).expect(303);
    const finished = await agent.get(String(handedOver.headers.location)).expect(303);
    return (await agent.get(new URL(String(finished.headers.location)).pathname).expect(200)).text;
  }

  it('works without PKCE', async () => {
    const page = await runTry('acme');
    expect(page).toContain('It works!');
    expect(page).toContain('Ada Lovelace');
    expect(upstream.tokenRequests.at(-1)?.has('code_verifier')).toBe(false);
  });

  it('shows only the profile fields the plugin interface declares, not the extra one the strategy adds', async () => {
    const page = await runTry('acme');
    expect(page).toContain('&quot;displayName&quot;: &quot;Ada Lovelace&quot;');
    expect(page).not.toContain(UNDECLARED_PROFILE_VALUE);
  });

  it('explains a state the strategy refuses as a TRY that expired or was already used', async () => {
    const page = await runTry('acme_stale');
    expect(page).toContain('Try failed');
    expect(page).toContain('already used or took longer than 10 minutes');
  });

  // A login reads the same callbacks the same way (test/integration/authn/login/plain_oauth2_upstream.test.ts).
  it.each([
    ['neither a code nor an error', (query: URLSearchParams) => query.delete('code')],
    ['a repeated code', (query: URLSearchParams) => query.append('code', 'another-code')],
  ])('explains a callback with %s as the upstream’s bad_response, as a real login does', async (_case, edit) => {
    const exchanges = upstream.tokenRequests.length;
    const page = await runTry('acme', edit);
    expect(page).toContain('Try failed');
    expect(page).toContain('The upstream came back with neither a code nor an error (or with one of them more than once).');
    expect(upstream.tokenRequests).toHaveLength(exchanges);
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' });
    // The fields a login's failed event has for the same answer, and TRY's own kind.
    expect(items[0]).toMatchObject({
      connection: 'acme',
      details: { try: true, error: 'server_error', source: 'upstream', upstream_kind: 'bad_response', try_failure: 'bad_response' },
    });
  });

  it('names the strategy that kept no round trip, and sends no browser upstream', async () => {
    const page = await pressTryToFailure(agent, 'default', 'acme_storeless');
    expect(page.text).toContain('Try failed');
    expect(page.text).toContain('The acme_storeless strategy sent the browser upstream without storing');
    expect(page.text).not.toContain('http-equiv="refresh"');
  });
});

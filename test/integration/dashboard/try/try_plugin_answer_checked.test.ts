import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { acmeConnection } from '../../../support/acme_connections.js';
import { acmeOAuth2Plugin } from '../../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { csrfFrom, HOST, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { continueUrlOf, finishTry } from '../try_helpers.js';

/**
 * TRY checks what the plugin hands back as a login does (round_trip.ts): a profile with an empty
 * user id, which no login could store, is no "It works!" but the upstream's bad_response, naming
 * the field (test/integration/authn/login/callback/plugin_answer_checked.test.ts for the login).
 */
describe('TRY of a plugin that hands back an empty user id', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const plugin = acmeOAuth2Plugin({ upstreamUrl: upstream.url, strategy: 'acme_noid', profileId: '' });
    harness = await startDashboardHarness({ plugins: new Map([[plugin.strategy, plugin]]) });
    await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, 'acme_noid', []));
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('fails, explained as the upstream’s bad_response with the field the plugin got wrong', async () => {
    const page = '/manage/t/default/social/acme_noid';
    const _csrf = await csrfFrom(agent, page);
    const authorizeUrl = continueUrlOf((await agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(200)).text);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    expect(back.host).toBe(HOST);

    const result = await finishTry(agent, back);

    expect(result).toContain('Try failed');
    expect(result).not.toContain('It works!');
    expect(result).toContain('profile.id must be a non-empty string');
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' });
    // The fields a login's failed event has for the same answer, and TRY's own kind.
    expect(items[0]).toMatchObject({
      connection: 'acme_noid',
      details: { try: true, error: 'server_error', source: 'upstream', upstream_kind: 'bad_response', try_failure: 'bad_response' },
    });
  });
});

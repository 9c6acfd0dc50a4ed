import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { acmeConnection } from '../../../support/acme_connections.js';
import { acmeOAuth2Plugin } from '../../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { csrfFrom, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { continueUrlOf } from '../try_helpers.js';

/**
 * A TRY whose connection is deleted while the admin is at the upstream: the TRY existed and its
 * state is taken, so the page says the connection is gone, not that no Try was in progress (which
 * would send the admin to try again a connection that is no more). No code is exchanged.
 */
describe('TRY of a connection deleted while the admin is at the upstream', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const plugin = acmeOAuth2Plugin({ upstreamUrl: upstream.url });
    harness = await startDashboardHarness({ plugins: new Map([[plugin.strategy, plugin]]) });
    await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, 'acme', []));
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('says the connection was deleted, exchanges no code, and uses the state up', async () => {
    const page = '/manage/t/default/social/acme';
    const _csrf = await csrfFrom(agent, page);
    const authorizeUrl = continueUrlOf((await agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(200)).text);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const connection = await harness.store.connections.getByName('default', 'acme');
    expect(await harness.store.connections.delete('default', connection!.id)).toBe(true);
    const exchanges = upstream.tokenRequests.length;

    const handedOver = await agent.get(`/login/callback${back.search}`).expect(303);
    const gone = await agent.get(String(handedOver.headers.location)).expect(410);

    expect(gone.text).toContain('Try failed');
    expect(gone.text).toContain('The acme connection this Try was testing was deleted while the Try was at the upstream');
    expect(gone.text).not.toContain('no Try in progress');
    expect(upstream.tokenRequests).toHaveLength(exchanges);
    // The TRY was taken: the same callback again finds none in progress.
    const again = await agent.get(String(handedOver.headers.location)).expect(400);
    expect(again.text).toContain('fitgate found no Try in progress for this state.');
  });
});

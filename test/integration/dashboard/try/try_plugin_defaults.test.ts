import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { minimalConnection, minimalOAuth2Plugin } from '../../../support/minimal_plugin.js';
import { csrfFrom, HOST, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { continueUrlOf } from '../try_helpers.js';

/**
 * TRY of a connection whose plugin leaves wording, permissionAreas, authorizationPrompt and
 * explainFailure to the host (test/support/minimal_plugin.ts): "trailmark", asking for two
 * permissions. Beside it, "trailmark_prompted", the same plugin spelling TRY's consent itself,
 * shows that its strategy puts a prompt in the authorize URL whenever the host passes one.
 */
describe('TRY of a plugin that leaves its optional members to the host', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const minimal = minimalOAuth2Plugin(upstream.url);
    const prompted: ConnectionPlugin = { ...minimal, strategy: 'trailmark_prompted', authorizationPrompt: (_api, prompt) => (prompt.includes('consent') ? 'force' : undefined) };
    harness = await startDashboardHarness({ plugins: new Map<string, ConnectionPlugin>([[minimal.strategy, minimal], [prompted.strategy, prompted]]) });
    for (const strategy of ['trailmark', 'trailmark_prompted']) {
      await harness.store.connections.create(minimalConnection(upstream, harness.deps.sealer, { strategy, scope: ['steps', 'distance'] }));
    }
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  async function pressTry(strategy: string) {
    const page = `/manage/t/default/social/${strategy}`;
    const _csrf = await csrfFrom(agent, page);
    return (await agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(200)).text;
  }

  /** Presses Try, lets the upstream answer, and follows fitgate to the result page. */
  async function runTry(strategy: string): Promise<string> {
    const authorizeUrl = continueUrlOf(await pressTry(strategy));
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`http://${HOST}/login/callback`);
    const handedOver = await agent.get(`/login/callback${back.search}`).expect(303);
    const finished = await agent.get(String(handedOver.headers.location)).expect(303);
    return (await agent.get(new URL(String(finished.headers.location)).pathname).expect(200)).text;
  }

  it('continues to the upstream by the plugin’s display name, asking it for no prompt', async () => {
    const page = await pressTry('trailmark');
    expect(page).toContain('<h1>Continuing to Trailmark</h1>');
    expect(new URL(continueUrlOf(page)).searchParams.has('prompt')).toBe(false);
  });

  it('asks for the consent a plugin spells itself, through the same strategy', async () => {
    expect(new URL(continueUrlOf(await pressTry('trailmark_prompted'))).searchParams.get('prompt')).toBe('force');
  });

  it('works, listing each permission granted once, as the areas the host derived grant each on its own', async () => {
    const page = await runTry('trailmark');
    expect(page).toContain('It works!');
    expect(page).toContain('<ul class="chips"><li><code>steps</code> <span class="tag">ticked</span></li><li><code>distance</code> <span class="tag">ticked</span></li></ul>');
    expect(page).not.toContain('grants by area');
  });

  it('explains a failure in the host’s words', async () => {
    upstream.deny(true);
    try {
      const page = await runTry('trailmark');
      expect(page).toContain('Try failed');
      expect(page).toContain('The user declined on the upstream consent page, so no data may be shared.');
      expect(page).toContain('Press Try again and choose Allow on the consent page.');
    } finally {
      upstream.deny(false);
    }
  });
});

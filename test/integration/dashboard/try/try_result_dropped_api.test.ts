import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { minimalConnection, minimalOAuth2Plugin } from '../../../support/minimal_plugin.js';
import { csrfFrom, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { continueUrlOf } from '../try_helpers.js';

/**
 * A TRY result kept (for 15 minutes) across an upgrade whose plugin dropped the API tried: the host
 * asks the plugin nothing about an API it no longer offers (plugin.ts), so the page still shows,
 * where a plugin that ignores or refuses such an id would otherwise answer for it or fail the page.
 */
describe('the result of a TRY of an API the plugin has since dropped', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let agent: Agent;
  const plugins = new Map<string, ConnectionPlugin>();

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const minimal = minimalOAuth2Plugin(upstream.url);
    plugins.set(minimal.strategy, minimal);
    harness = await startDashboardHarness({ plugins });
    await harness.store.connections.create(minimalConnection(upstream, harness.deps.sealer, { scope: ['steps', 'distance'] }));
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('still shows what was granted, without asking the plugin about the dropped API', async () => {
    const page = '/manage/t/default/social/trailmark';
    const _csrf = await csrfFrom(agent, page);
    const authorizeUrl = continueUrlOf((await agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(200)).text);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const handedOver = await agent.get(`/login/callback${back.search}`).expect(303);
    const result = new URL(String((await agent.get(String(handedOver.headers.location)).expect(303)).headers.location)).pathname;

    // The upgrade: the plugin now offers trailmark-v4 alone, and refuses to speak of anything else.
    const upgraded = plugins.get('trailmark')!;
    const asked: string[] = [];
    plugins.set('trailmark', {
      ...upgraded,
      apis: [{ ...upgraded.apis[0], id: 'trailmark-v4', name: 'Trailmark API v4' }],
      permissions: (api) => {
        asked.push(api);
        if (api !== 'trailmark-v4') throw new TypeError(`api must be "trailmark-v4", not ${JSON.stringify(api)}`);
        return upgraded.permissions(api);
      },
    });

    const shown = (await agent.get(result).expect(200)).text;
    expect(shown).toContain('It works!');
    expect(shown).toContain('<code>steps</code>');
    expect(asked).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit, finishTry, startTry } from '../try_helpers.js';

/**
 * An admin who goes Back to the upstream's consent page after a TRY ended and allows again brings a
 * used state to /login/callback. It goes to TRY's own page, which says to press Try again, not to
 * the login's, which would send the admin "back to the application".
 */
describe('a TRY\'s state used a second time', () => {
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
    await configureFitbit(harness, { api: 'google-health' });
  });
  afterAll(() => harness.close());

  it('lands on TRY\'s page saying it was already used, not on the login\'s', async () => {
    const authorizeUrl = new URL(await startTry(agent));
    authorizeUrl.searchParams.set('emulator_user', 'alice');
    const consent = await agent.get(`${authorizeUrl.pathname}${authorizeUrl.search}`).expect(302);
    const back = new URL(String(consent.headers.location));
    expect(await finishTry(agent, back)).toContain('It works');

    const again = await agent.get(`/login/callback${back.search}`).expect(303);
    expect(String(again.headers.location)).toBe(`/manage/try/callback${back.search}`);
    const page = await agent.get(String(again.headers.location)).expect(400);
    expect(page.text).toContain('already used or took longer than 10 minutes');
    expect(page.text).not.toContain('Go back to the application');
  });
});

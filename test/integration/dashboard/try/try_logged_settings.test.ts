import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { settingsFingerprint } from '../../../../src/dashboard/try/tried_settings.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit, finishTry, startTry } from '../try_helpers.js';

/**
 * A TRY logs the fingerprint of the settings it began with: an admin who saves other settings while
 * it runs (in another tab) must not see those counted as tried by the Overview's checklist.
 */
describe('the settings a TRY logs', () => {
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(() => harness.close());

  it('are those it started with, not those saved while it ran', async () => {
    await configureFitbit(harness, { api: 'google-health', scope: ['activity'] });
    const tried = (await harness.store.connections.getByName('default', 'fitbit'))!.options;
    const authorizeUrl = new URL(await startTry(agent));

    await configureFitbit(harness, { api: 'google-health', scope: ['activity', 'sleep'] });
    authorizeUrl.searchParams.set('emulator_user', 'alice');
    const consent = await agent.get(`${authorizeUrl.pathname}${authorizeUrl.search}`).expect(302);
    expect(await finishTry(agent, new URL(String(consent.headers.location)))).toContain('It works');

    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 10 });
    const logged = items.find((event) => event.details?.try === true);
    expect(logged?.details?.settings).toBe(settingsFingerprint(tried));
    expect(settingsFingerprint(tried)).not.toBe(settingsFingerprint((await harness.store.connections.getByName('default', 'fitbit'))!.options));
  });
});

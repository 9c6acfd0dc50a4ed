import { describe, expect, it } from '@jest/globals';
import { settingsFingerprint } from '../../../../src/dashboard/try/tried_settings.js';
import { configureFitbit, finishTry, sandboxApproval, startTry, useDashboardForTry } from '../try_helpers.js';

/**
 * A TRY logs the fingerprint of the settings it began with: an admin who saves other settings while
 * it runs (in another tab) must not see those counted as tried by the Overview's checklist.
 */
describe('the settings a TRY logs', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });

  it('are those it started with, not those saved while it ran', async () => {
    const { store } = setup.harness();
    await configureFitbit(setup.harness(), { api: 'google-health', scope: ['activity'] });
    const tried = (await store.connections.getByName('default', 'fitbit'))!.options;
    const authorizeUrl = await startTry(setup.agent());

    await configureFitbit(setup.harness(), { api: 'google-health', scope: ['activity', 'sleep'] });
    expect(await finishTry(setup.agent(), await sandboxApproval(setup.agent(), authorizeUrl))).toContain('It works');

    const { items } = await store.logs.list('default', { page: 0, perPage: 10 });
    const logged = items.find((event) => event.details?.try === true);
    expect(logged?.details?.settings).toBe(settingsFingerprint(tried));
    expect(settingsFingerprint(tried)).not.toBe(settingsFingerprint((await store.connections.getByName('default', 'fitbit'))!.options));
  });
});

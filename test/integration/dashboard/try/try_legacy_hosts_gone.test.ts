import { describe, expect, it } from '@jest/globals';
import { configureFitbit, pressTryToFailure, useDashboardForTry } from '../try_helpers.js';

/**
 * TRY of a fitbit-legacy connection on Fitbit's own hosts, which answer 410 Gone since 2026-11-02:
 * the admin learns it on fitgate's page, before any browser or request leaves for Fitbit. No
 * emulator and no sandbox: the connection names the real hosts.
 */
describe('TRY of a legacy connection on Fitbit\'s retired hosts', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'off' });

  it('ends on the failure page that says the endpoints are gone and how to switch', async () => {
    await configureFitbit(setup.harness(), { api: 'fitbit-legacy', clientId: '23ABCD', clientSecret: 'legacy-secret' });
    const page = await pressTryToFailure(setup.agent());
    expect(page.text).toContain('answers 410 Gone since 2026-11-02');
    expect(page.text).toContain('Switch this connection&#39;s API to &quot;Google Health API&quot;');
    expect(page.text).not.toContain('legacy-secret');
  });
});

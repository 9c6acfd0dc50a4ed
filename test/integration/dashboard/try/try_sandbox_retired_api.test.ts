import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { configureFitbit, runTry, sandboxApproval, useDashboardForTry } from '../try_helpers.js';

/**
 * The sandbox still plays the legacy Fitbit API, which the real one stopped answering (410 Gone):
 * a sandbox TRY in that mode says that real logins fail instead of ending on a plain "It works!".
 */
describe('a sandbox TRY in fitbit-legacy mode', () => {
  const setup = useDashboardForTry({ FITGATE_SANDBOX: 'on' });
  const sandboxConsent = (authorizeUrl: string): Promise<URL> => sandboxApproval(setup.agent(), authorizeUrl);

  it('says that the sandbox plays the retired API and that real logins fail, in the plugin\'s words', async () => {
    await configureFitbit(setup.harness(), { api: 'fitbit-legacy' });
    const page = await runTry(setup.agent(), sandboxConsent);
    const legacy = connectionPlugins().get('fitbit')!.apis.find((api) => api.id === 'fitbit-legacy')!;

    expect(page).toContain('<h1>It works in the sandbox only</h1>');
    expect(page).not.toContain('It works!');
    expect(page).toContain('still plays the Legacy Fitbit Web API');
    expect(page).toContain(legacy.warning);
    expect(legacy.warning).toMatch(/2026-11-02.*410 Gone.*fail/);
  });

  it('ends on a plain "It works!" for the live API', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health' });
    const page = await runTry(setup.agent(), sandboxConsent);
    expect(page).toContain('<h1>It works!</h1>');
    expect(page).toMatch(/signed in <strong>[^<]+<\/strong> through the Google Health API\. This was a test/);
    expect(page).not.toContain('still plays');
  });

  it('lists each legacy permission once, without an area heading repeating its name', async () => {
    await configureFitbit(setup.harness(), { api: 'fitbit-legacy', scope: ['activity', 'profile'] });
    const page = await runTry(setup.agent(), sandboxConsent);
    expect(page).toContain('<ul class="chips"><li><code>activity</code> <span class="tag">ticked</span></li><li><code>profile</code> <span class="tag">ticked</span></li></ul>');
    expect(page).not.toContain('<dt>activity</dt>');
  });
});

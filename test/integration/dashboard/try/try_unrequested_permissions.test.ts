import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, runTry, useTrySetup } from '../try_helpers.js';

/**
 * A permission left ticked from another API (`social`, after a switch from legacy Fitbit to Google
 * Health, which has no counterpart) is never asked for, so TRY does not report the user refusing it.
 */
describe('TRY with a ticked permission the API does not request', () => {
  const setup = useTrySetup();

  it('neither asks for it nor says the user left it unticked', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer, scope: ['activity', 'profile', 'social'] });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));

    expect(page).toContain('It works!');
    expect(page).not.toContain('left these permissions unticked');
    expect(page).not.toContain('<code>social</code>');
  });

  it('still reports a requested permission the user did leave unticked', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer, scope: ['activity', 'sleep', 'social'] });
    const sleepArea = 'https://www.googleapis.com/auth/googlehealth.sleep.readonly';
    const page = await runTry(setup.agent(), (url) => {
      const granted = (new URL(url).searchParams.get('scope') ?? '').split(' ').filter((scope) => scope !== sleepArea);
      return followUpstream(approveUrl(url, { user: 'alice', scopes: granted }));
    });

    expect(page).toContain('The user left these permissions unticked: <strong>sleep</strong>.');
  });
});

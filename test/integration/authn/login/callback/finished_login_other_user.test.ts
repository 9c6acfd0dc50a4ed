import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import type { Browser } from '../../../../support/authn/browser.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * The logins a browser finished are told apart at the back button only for the person who finished
 * them: at a shared computer, whoever signs in next is not told they signed in to the previous
 * person's application, nor shown the way back to it (security review).
 */
describeEachStore('/login/callback of a login an earlier user of this browser finished', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    // Users who never consented to the Google client, in each suite alike (the emulator outlives one):
    // the refresh token comes with the one round these tests step through, as at a first consent.
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  async function logIn(browser: Browser, as: string, params: Record<string, string> = {}): Promise<URL> {
    emulator().control.setAutoConsent({ user: as, decision: 'approve' });
    try {
      const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', ...params }));
      const back = await browser.get(toUpstream.location!);
      expect(back.location?.pathname).toBe('/login/callback');
      await browser.get(back.location!);
      return back.location!;
    } finally {
      emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
    }
  }

  it('answers the next person, signed in as someone else, as for any login this browser could not finish', async () => {
    const browser = fitgate.browser();
    const alices = await logIn(browser, 'alice');
    await logIn(browser, 'bob', { prompt: 'login' });

    const replay = await browser.get(alices);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This login could not be finished');
    expect(replay.text).not.toContain('already finished');
    expect(replay.text).not.toContain('Return to');
  });

  it('still tells the same person, signed in again, that their earlier login finished', async () => {
    const browser = fitgate.browser();
    const first = await logIn(browser, 'alice');
    await logIn(browser, 'alice', { prompt: 'login' });

    const replay = await browser.get(first);
    expect(replay.text).toContain('This login already finished');
  });
});

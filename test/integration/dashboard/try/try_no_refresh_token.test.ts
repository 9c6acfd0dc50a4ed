import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, runTry, useTrySetup } from '../try_helpers.js';

/**
 * Google sends a refresh token only at a user's first consent to a Client ID: a second TRY by the
 * same user gets none, and the result says so and why, in the plugin's words, rather than a plain
 * "It works!" that hides what a real login would then lack.
 */
describe('a TRY that brings no refresh token', () => {
  const setup = useTrySetup();
  const note = 'No refresh token came back.';

  it('says nothing of it when a refresh token came, and explains its absence on the next TRY', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const first = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'bob' })));
    expect(first).toContain('<h1>It works!</h1>');
    expect(first).not.toContain(note);

    const second = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'bob' })));
    expect(second).toContain('<h1>It works!</h1>');
    expect(second).toContain(note);
    expect(second).toContain('Google sends a refresh token only the first time a user consents to this Client ID.');
  });
});

import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, runTry, useTrySetup } from '../try_helpers.js';

/**
 * Google sends a refresh token only at a consent: TRY asks for one every time (prompt=consent), so
 * every TRY, not only the first by a user, tests the refresh-token path a real first login takes.
 * When none comes all the same, the result says so and why, in the plugin's words, rather than a
 * plain "It works!" that hides what a real login would then lack.
 */
describe('refresh tokens at TRY', () => {
  const setup = useTrySetup();
  const note = 'No refresh token came back.';

  it('asks the upstream for consent at every TRY, so a second TRY by the same user brings a refresh token too', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const authorizeUrls: string[] = [];
    const consent = (url: string) => {
      authorizeUrls.push(url);
      return followUpstream(approveUrl(url, { user: 'bob' }));
    };
    const first = await runTry(setup.agent(), consent);
    const second = await runTry(setup.agent(), consent);

    for (const url of authorizeUrls) expect(new URL(url).searchParams.get('prompt')).toBe('consent');
    for (const page of [first, second]) {
      expect(page).toContain('<h1>It works!</h1>');
      expect(page).toContain('&quot;refresh_token&quot;: &quot;[redacted]&quot;');
      expect(page).not.toContain(note);
    }
  });

  it('explains the absence of a refresh token when the upstream sends none all the same', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'carol' })));
    // As an upstream that ignores the prompt would: carol consented before, so Google sends none.
    const withoutPrompt = (url: string) => {
      const ignored = new URL(url);
      ignored.searchParams.delete('prompt');
      return followUpstream(approveUrl(ignored.href, { user: 'carol' }));
    };
    const page = await runTry(setup.agent(), withoutPrompt);
    expect(page).toContain('<h1>It works!</h1>');
    expect(page).toContain(note);
    expect(page).toContain('Google sent no refresh token, although fitgate asked for offline access and a new consent (prompt=consent');
    expect(page).toContain('they must sign in again once the access token expires');
  });
});

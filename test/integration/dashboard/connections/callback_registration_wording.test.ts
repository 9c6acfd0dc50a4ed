import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * How the callback URL is registered is the upstream's rule (Google and Fitbit take the exact URL,
 * Strava only its domain): the host shows the URL to copy, and the plugin's steps say how. For
 * Fitbit they say, for each API, to register the exact URL.
 */
describe('registering the callback URL on the Fitbit settings page', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
  const page = '/manage/t/default/social/fitbit';

  it('shows the callback URL without the host saying how the upstream registers it', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    const step = text.slice(text.indexOf('<h2>Register fitgate with Google or Fitbit</h2>'), text.indexOf('id="steps-google-health"'));
    expect(step).toMatch(/<p>Callback URL, to register as the steps below say:<\/p>\s*<div class="copy-row">\s*<code id="callback-url">http:\/\/localhost:3000\/login\/callback<\/code>/);
    expect(step).not.toMatch(/exact|redirect URI/i);
  });

  it('leaves the Fitbit plugin’s steps asking for the exact URL, for both APIs', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    const stepsOf = (api: string) => text.slice(text.indexOf(`id="steps-${api}"`), text.indexOf('</section>', text.indexOf(`id="steps-${api}"`)));
    expect(stepsOf('google-health')).toContain('Add exactly this Authorised redirect URI, with no trailing slash: http://localhost:3000/login/callback');
    expect(stepsOf('fitbit-legacy')).toContain('Set &quot;Redirect URL&quot; to exactly: http://localhost:3000/login/callback');
  });
});

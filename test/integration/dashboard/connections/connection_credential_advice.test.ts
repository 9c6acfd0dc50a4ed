import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A Client ID of the wrong shape is saved like any other (advice, not refusal), and the page the
 * save leads to says what looks wrong, beside "Settings saved.", before TRY fails on it. The advice
 * never repeats a secret, and is shown once.
 */
describe('advice on the credentials saved for a Fitbit connection', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const page = '/manage/t/default/social/fitbit';
  const stored = async () => (await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options;
  const save = (fields: Record<string, string | string[]>) => submitForm(dashboard.agent(), page, page, { api: 'google-health', scope: ['activity'], ...fields });
  const adviceOn = (html: string) => /<div class="panel warning" role="status" id="credential-advice">([\s\S]*?)<\/div>/.exec(html)?.[1];
  const secretShapedId = 'GOCSPX-PastedIntoTheWrongField42';

  it('saves a client secret pasted as the Client ID in google-health mode, and says it looks like a secret without repeating it', async () => {
    const posted = await save({ client_id: secretShapedId, client_secret: 'GOCSPX-the-real-secret-0123' });
    expect(posted.status).toBe(303);
    expect(String(posted.headers.location)).toBe(`${page}?saved=1`);
    expect(posted.text).not.toContain('PastedIntoTheWrongField42');
    expect((await stored())?.clientId).toBe(secretShapedId);

    const shown = await dashboard.agent().get(String(posted.headers.location)).expect(200);
    expect(shown.text).toContain('<p class="flash" role="status">Settings saved.</p>');
    const advice = adviceOn(shown.text);
    expect(advice).toContain('Check the credentials before you press Try:');
    expect(advice).toContain('The Client ID looks like a client secret, not a Client ID.');
    expect(advice).toContain('a Google OAuth client ID ends in .apps.googleusercontent.com');
    // Only the Client ID field, which the page always shows, holds the value; no sentence repeats it.
    expect(shown.text.split(secretShapedId)).toHaveLength(2);
    expect(shown.text).toContain(`id="client_id" name="client_id" type="text" autocomplete="off" spellcheck="false" maxlength="255" value="${secretShapedId}"`);
    expect(shown.text).not.toContain('the-real-secret');

    const reloaded = await dashboard.agent().get(String(posted.headers.location)).expect(200);
    expect(reloaded.text).toContain('Settings saved.');
    expect(adviceOn(reloaded.text)).toBeUndefined();
  });

  it('quotes a Fitbit Client ID saved under the Google Health API, since client IDs are public', async () => {
    const posted = await save({ client_id: '23 ABCD', client_secret: 'GOCSPX-the-real-secret-0123' });
    expect(posted.status).toBe(303);
    const advice = adviceOn((await dashboard.agent().get(String(posted.headers.location)).expect(200)).text);
    expect(advice).toContain('The Client ID &quot;23 ABCD&quot; contains a space or a line break');
    expect(advice).toContain('looks like a Fitbit &quot;OAuth 2.0 Client ID&quot;');
  });

  it('gives no advice on a valid Google OAuth client ID, nor on a valid Fitbit one under the legacy API', async () => {
    const google = await save({ client_id: '1234567890-fitgate.apps.googleusercontent.com', client_secret: 'GOCSPX-the-real-secret-0123' });
    expect(google.status).toBe(303);
    const afterGoogle = await dashboard.agent().get(String(google.headers.location)).expect(200);
    expect(afterGoogle.text).toContain('Settings saved.');
    expect(afterGoogle.text).not.toContain('id="credential-advice"');

    const legacy = await save({ api: 'fitbit-legacy', client_id: '23PUBL', client_secret: '' });
    expect(legacy.status).toBe(303);
    const afterLegacy = await dashboard.agent().get(String(legacy.headers.location)).expect(200);
    expect(afterLegacy.text).toContain('Settings saved.');
    expect(afterLegacy.text).not.toContain('id="credential-advice"');
  });

  it('forgets advice a save left when the next save needs none', async () => {
    // Both forms posted from another page, so the settings page is not opened between the saves:
    // the advice the first left is never shown after the second, valid, one.
    const fromOverview = (fields: Record<string, string>) =>
      submitForm(dashboard.agent(), '/manage/t/default', page, { api: 'google-health', scope: ['activity'], client_secret: 'GOCSPX-the-real-secret-0123', ...fields });
    expect((await fromOverview({ client_id: secretShapedId })).status).toBe(303);
    const valid = await fromOverview({ client_id: '1234567890-fitgate.apps.googleusercontent.com' });
    expect(valid.status).toBe(303);
    const shown = await dashboard.agent().get(String(valid.headers.location)).expect(200);
    expect(shown.text).toContain('Settings saved.');
    expect(shown.text).not.toContain('id="credential-advice"');
  });
});

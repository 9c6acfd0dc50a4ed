import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The saved Client Secret belongs to one OAuth client: a blank field keeps it only while the Client
 * ID and the API stay the same. And a new secret typed into a form that is refused is never shown
 * back, so the page says it was not saved rather than letting the next Save keep the old one.
 */
describe('the saved Client Secret of a Fitbit connection', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const page = '/manage/t/default/social/fitbit';
  const stored = async () => (await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options;
  const save = (fields: Record<string, string | string[]>) => submitForm(dashboard.agent(), page, page, { scope: ['activity', 'profile'], ...fields });
  const secretOf = async () => {
    const sealed = (await stored())?.clientSecret;
    return sealed === undefined ? undefined : dashboard.harness().deps.sealer.open(sealed);
  };

  it('says a new secret was not saved when the form is refused, without showing it, and keeps the old one', async () => {
    expect((await save({ api: 'google-health', client_id: 'kept.apps.googleusercontent.com', client_secret: 'GOCSPX-old' })).status).toBe(303);

    const refused = await save({ api: 'google-health', client_id: 'kept.apps.googleusercontent.com', client_secret: 'GOCSPX-new-typed', scope: [] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="scope-error">Permissions: must list at least one permission</p>');
    expect(refused.text).toContain(
      '<p class="field-error" id="client_secret-not-saved">Client Secret: the new secret you typed was not saved, because Permissions was refused. Paste it again before you save.</p>',
    );
    expect(refused.text).toMatch(/<input id="client_secret"[^>]* aria-describedby="client_secret-hint client_secret-not-saved"/);
    expect(refused.text).not.toContain('GOCSPX-new-typed');
    expect(await secretOf()).toBe('GOCSPX-old');
  });

  it('says nothing of the secret when none was typed', async () => {
    const refused = await save({ api: 'google-health', client_id: 'kept.apps.googleusercontent.com', client_secret: '', scope: [] });
    expect(refused.status).toBe(400);
    expect(refused.text).not.toContain('client_secret-not-saved');
  });

  it('keeps the saved secret for the same Client ID and API', async () => {
    expect((await save({ api: 'google-health', client_id: 'kept.apps.googleusercontent.com', client_secret: '' })).status).toBe(303);
    expect(await secretOf()).toBe('GOCSPX-old');
  });

  it('refuses another Google Client ID without its own secret, saying the saved one stays with its client', async () => {
    const refused = await save({ api: 'google-health', client_id: 'another.apps.googleusercontent.com', client_secret: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      '<p class="field-error" id="client_secret-error">Client Secret: is required with a Client ID for the Google Health API, which authenticates each token request with it; the stored secret belongs to the previous client ID or API and is not kept for another</p>',
    );
    expect(await stored()).toMatchObject({ clientId: 'kept.apps.googleusercontent.com' });
    expect(await secretOf()).toBe('GOCSPX-old');
  });

  it('does not carry the secret over to another API for the same Client ID', async () => {
    expect((await save({ api: 'fitbit-legacy', client_id: '23ABCD', client_secret: 'legacy-server-secret' })).status).toBe(303);
    const refused = await save({ api: 'google-health', client_id: '23ABCD', client_secret: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="client_secret-error"');
    expect(await stored()).toMatchObject({ api: 'fitbit-legacy', clientId: '23ABCD' });
  });

  it('saves a legacy "Client" app pasted over a "Server" app without the Server app’s secret', async () => {
    expect((await save({ api: 'fitbit-legacy', client_id: '23PUBL', client_secret: '' })).status).toBe(303);
    expect(await stored()).toMatchObject({ api: 'fitbit-legacy', clientId: '23PUBL' });
    expect(await secretOf()).toBeUndefined();
  });

  it('says in the hint that a blank field keeps the secret only for the same Client ID and API', async () => {
    expect((await save({ api: 'fitbit-legacy', client_id: '23ABCD', client_secret: 'legacy-server-secret' })).status).toBe(303);
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('Leave this empty to keep it with the same Client ID and API (a new Client ID or API does not keep it)');
  });
});

import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/** Authentication → Social → Fitbit: what the settings page shows, and how saving validates. */
describe('the Fitbit connection settings page', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
  const page = '/manage/t/default/social/fitbit';

  it('labels the credential fields "Client ID" and "Client Secret"', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('<label for="client_id">Client ID</label>');
    expect(text).toContain('<label for="client_secret">Client Secret</label>');
    expect(text).toMatch(/<input id="client_id" name="client_id"/);
    expect(text).toMatch(/<input id="client_secret" name="client_secret" type="password"/);
  });

  it('shows the callback URL to register with a copy button, and numbered setup steps for both modes', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('<code id="callback-url">http://localhost:3000/login/callback</code>');
    expect(text).toContain('data-copy-target="callback-url"');
    expect(text).toContain('1. Open the Google Cloud console');
    expect(text).toContain('Add exactly this Authorised redirect URI, with no trailing slash: http://localhost:3000/login/callback');
    expect(text).toContain('Set &quot;Redirect URL&quot; to exactly: http://localhost:3000/login/callback');
  });

  it('lists the Fitbit permissions as checkboxes with the Google scopes they map to in Google Health mode', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('<input type="checkbox" name="scope" value="heartrate" checked>');
    expect(text).toContain('Google scope: https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly');
    expect(text).toContain('No Google Health equivalent');
    expect(text).toContain('Sync user profile attributes at each login');
  });

  it('creates the connection on the first save and shows the legacy warning in legacy mode', async () => {
    const saved = await submitForm(dashboard.agent(), page, page, { api: 'fitbit-legacy', client_id: '23ABCD', client_secret: 'legacy-secret', scope: ['activity', 'profile'], profile_sync: 'on' });
    expect(saved.status).toBe(303);
    const connection = await dashboard.harness().store.connections.getByName('default', 'fitbit');
    expect(connection?.options).toMatchObject({ api: 'fitbit-legacy', clientId: '23ABCD', scope: ['activity', 'profile'], profileSync: 'on_each_login' });
    const { text } = await dashboard.agent().get(`${page}?saved=1`).expect(200);
    expect(text).toContain('Fitbit turned the legacy Web API off on 2026-11-02');
  });

  it('turns profile sync off when the box is unticked', async () => {
    await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com', scope: ['profile'] }).then((r) => expect(r.status).toBe(303));
    expect((await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options.profileSync).toBe('on_first_login');
  });

  it('refuses a save with no permission ticked and says so next to the permissions', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="scope-error">Permissions: must list at least one scope</p>');
  });

  it('refuses Google Health permissions that cannot identify the user', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com', scope: ['location'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="scope-error">Permissions: google-health needs at least one of/);
    expect((await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options.scope).toEqual(['profile']);
  });

  it('refuses an unknown mode', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'fitbit-v9', client_id: 'x', scope: ['profile'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="api-error"');
  });
});

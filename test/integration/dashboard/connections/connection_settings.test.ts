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
    // A new client on another API: the legacy client's secret stays behind, so this one brings its own.
    await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com', client_secret: 'GOCSPX-x', scope: ['profile'] }).then((r) =>
      expect(r.status).toBe(303),
    );
    expect((await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options.profileSync).toBe('on_first_login');
  });

  it('refuses a save with no permission ticked and says so next to the permissions', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="scope-error">Permissions: must list at least one permission</p>');
  });

  it('shows every problem of one Save at its own field: a new Client ID without its secret and no permission ticked', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'another.apps.googleusercontent.com' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      '<p class="field-error" id="client_secret-error">Client Secret: is required with a Client ID for the Google Health API, which authenticates each token request with it;',
    );
    expect(refused.text).toContain('<p class="field-error" id="scope-error">Permissions: must list at least one permission</p>');
    expect(refused.text).toMatch(/<input id="client_secret" name="client_secret"[^>]* aria-invalid="true"/);
    expect(refused.text).toMatch(/<input type="checkbox" name="scope"[^>]* aria-invalid="true" aria-describedby="scope-error">/);
    expect((await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options.clientId).toBe('x.apps.googleusercontent.com');
  });

  it('marks the first permission box refused and described by the error, as a fieldset takes neither', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com' });
    const boxes = [...refused.text.matchAll(/<input type="checkbox" name="scope"[^>]*>/g)].map(([box]) => box);
    expect(boxes[0]).toMatch(/ aria-invalid="true" aria-describedby="scope-error">$/);
    expect(boxes.slice(1).filter((box) => box.includes('aria-invalid'))).toEqual([]);
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).not.toMatch(/name="scope"[^>]*aria-invalid/);
  });

  it('holds the Client ID to 255 characters and says so in words', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toMatch(/<input id="client_id" name="client_id"[^>]* maxlength="255"/);
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: `${'x'.repeat(256)}`, client_secret: 'GOCSPX-x', scope: ['profile'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="client_id-error">Client ID: must be at most 255 characters</p>');
  });

  it('links the consoles in the setup steps, but not an address with a placeholder in it', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('<a href="https://console.cloud.google.com/" rel="noopener" target="_blank">');
    expect(text).toContain('(https://www.googleapis.com/auth/googlehealth.AREA.readonly)');
    expect(text).not.toContain('href="https://www.googleapis.com/auth/googlehealth.AREA.readonly"');
  });

  it('refuses Google Health permissions that cannot identify the user', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x.apps.googleusercontent.com', scope: ['location'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="scope-error">Permissions: must include at least one of activity, .*: the Google Health API identifies the user only through one of these<\/p>/);
    expect((await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options.scope).toEqual(['profile']);
  });

  it('refuses an unknown mode', async () => {
    const refused = await submitForm(dashboard.agent(), page, page, { api: 'fitbit-v9', client_id: 'x', scope: ['profile'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="api-error"');
  });
});

import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { hashClientSecret, verifyClientSecret } from '../../../src/domain/clients.js';
import { submitForm, useSignedInDashboard } from './dashboard_harness.js';

/** Secrets are write-only: typed once, shown at most once, stored sealed or hashed, never rendered again. */
describe('secrets in the dashboard', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
  const upstreamSecret = 'GOCSPX-marker-upstream-secret-4711';

  const settings = '/manage/t/default/social/fitbit';
  const save = (fields: Record<string, string | string[]>) =>
    submitForm(dashboard.agent(), settings, settings, { api: 'google-health', client_id: 'marker.apps.googleusercontent.com', scope: ['profile'], ...fields });

  it('never renders the connection\'s client secret after it is saved, and stores it sealed', async () => {
    await save({ client_secret: upstreamSecret }).then((response) => expect(response.status).toBe(303));
    const page = await dashboard.agent().get(settings).expect(200);
    expect(page.text).not.toContain(upstreamSecret);
    expect(page.text).toMatch(/id="client_secret" name="client_secret" type="password"[^>]* value=""/);
    expect(page.text).toContain('A secret is saved and is never shown again');

    const stored = (await dashboard.harness().store.connections.getByName('default', 'fitbit'))!.options.clientSecret!;
    expect(stored).not.toContain(upstreamSecret);
    expect(dashboard.harness().deps.sealer.open(stored)).toBe(upstreamSecret);
  });

  it('keeps the stored secret when the field is left blank', async () => {
    const before = (await dashboard.harness().store.connections.getByName('default', 'fitbit'))!.options.clientSecret;
    await save({ client_secret: '', scope: ['profile', 'sleep'] }).then((response) => expect(response.status).toBe(303));
    const after = (await dashboard.harness().store.connections.getByName('default', 'fitbit'))!.options;
    expect(after.clientSecret).toBe(before);
    expect(after.scope).toEqual(['profile', 'sleep']);
  });

  it('does not echo a typed secret back when the form is refused', async () => {
    const refused = await save({ client_secret: 'typed-but-refused-secret', scope: [] });
    expect(refused.status).toBe(400);
    expect(refused.text).not.toContain('typed-but-refused-secret');
  });

  it('shows an application\'s secret once at creation, stores only its hash, and never again', async () => {
    const posted = await submitForm(dashboard.agent(), '/manage/t/default/applications/new', '/manage/t/default/applications', { name: 'Web', app_type: 'regular_web' });
    expect(posted.status).toBe(303);
    const created = await dashboard.agent().get(String(posted.headers.location)).expect(200);
    const secret = /id="client-secret">([^<]+)</.exec(created.text)?.[1];
    const clientId = /id="client-id">([^<]+)</.exec(created.text)?.[1];
    expect(secret).toBeDefined();
    expect(created.headers['cache-control']).toBe('no-store');

    const client = (await dashboard.harness().store.clients.get('default', clientId!))!;
    expect(client.clientSecretHash).toBe(hashClientSecret(secret!));
    expect(JSON.stringify(client)).not.toContain(secret!);
    const settingsPage = await dashboard.agent().get(`/manage/t/default/applications/${clientId}`).expect(200);
    expect(settingsPage.text).not.toContain(secret!);
  });

  it('shows a rotated secret once, and the old one stops working', async () => {
    const posted = await submitForm(dashboard.agent(), '/manage/t/default/applications/new', '/manage/t/default/applications', { name: 'Rotating', app_type: 'regular_web' });
    const created = await dashboard.agent().get(String(posted.headers.location)).expect(200);
    const clientId = /id="client-id">([^<]+)</.exec(created.text)![1]!;
    const oldSecret = /id="client-secret">([^<]+)</.exec(created.text)![1]!;
    const page = `/manage/t/default/applications/${clientId}`;

    const confirmed = await submitForm(dashboard.agent(), `${page}/rotate-secret`, `${page}/rotate-secret`, { confirm: 'on' });
    expect(confirmed.status).toBe(303);
    const rotated = await dashboard.agent().get(String(confirmed.headers.location)).expect(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const newSecret = /id="client-secret">([^<]+)</.exec(rotated.text)![1]!;
    expect(newSecret).not.toBe(oldSecret);
    const client = (await dashboard.harness().store.clients.get('default', clientId))!;
    expect(verifyClientSecret(client, newSecret)).toBe(true);
    expect(verifyClientSecret(client, oldSecret)).toBe(false);
    expect((await dashboard.agent().get(page).expect(200)).text).not.toContain(newSecret);
  });
});

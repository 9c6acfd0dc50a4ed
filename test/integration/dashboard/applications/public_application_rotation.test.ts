import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { DEFAULT_REFRESH_TOKEN_POLICY } from '../../../../src/domain/token_lifetimes.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A public application with non-rotating refresh tokens (stored before fitgate refused them): its
 * settings page says how to make them rotate, and a save is refused until they do, as the
 * Management API refuses a PATCH of it.
 */
describe('a public application with non-rotating refresh tokens in the dashboard', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';
  const ERROR = /<p class="field-error" id="refresh_token-error">[^<]*set refresh_token\.rotation_type to rotating[^<]*<\/p>/;

  async function publicNonRotating(name: string) {
    const { client } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name,
      appType: 'regular_web',
      tokenEndpointAuthMethod: 'none',
      settings: { refreshTokenPolicy: { ...DEFAULT_REFRESH_TOKEN_POLICY, rotationType: 'non-rotating' } },
    });
    return client;
  }

  it('is refused on save with the form’s error, and nothing is saved', async () => {
    const client = await publicNonRotating('Old front end');
    const page = `${list}/${client.clientId}`;
    const refused = await submitForm(dashboard.agent(), page, page, { name: 'Renamed', callbacks: 'https://app.example/cb' });

    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(ERROR);
    expect(refused.text).toContain(`PATCH /api/v2/clients/${client.clientId}`);
    const stored = await dashboard.harness().store.clients.get('default', client.clientId);
    expect(stored).toMatchObject({ name: 'Old front end', callbacks: [] });
  });

  it('shows the problem when the page opens, and saves once the refresh tokens rotate', async () => {
    const client = await publicNonRotating('Front end');
    const page = `${list}/${client.clientId}`;
    expect((await dashboard.agent().get(page).expect(200)).text).toMatch(ERROR);

    await dashboard.harness().store.clients.update({ ...client, refreshTokenPolicy: { ...DEFAULT_REFRESH_TOKEN_POLICY } });
    expect((await dashboard.agent().get(page).expect(200)).text).not.toContain('refresh_token-error');
    expect((await submitForm(dashboard.agent(), page, page, { name: 'Renamed' })).status).toBe(303);
    expect((await dashboard.harness().store.clients.get('default', client.clientId))?.name).toBe('Renamed');
  });
});

import { describe, expect, it } from '@jest/globals';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The dashboard's "Create application" stores the same token settings as POST /api/v2/clients:
 * Auth0's defaults for the application's type, kept whatever the defaults become later.
 */
describe('token settings of an application created on the dashboard', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  async function create(name: string, appType: string) {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name, app_type: appType });
    expect(created.status).toBe(303);
    const page = await dashboard.agent().get(String(created.headers.location)).expect(200);
    const clientId = /id="client-id">([^<]+)</.exec(page.text)![1]!;
    return (await dashboard.harness().store.clients.get('default', clientId))!;
  }

  it('stores non-rotating refresh tokens and 10 h id_tokens for a regular web application', async () => {
    const client = await create('Step Counter', 'regular_web');
    expect(client.refreshTokenPolicy).toMatchObject({ rotationType: 'non-rotating', expirationType: 'expiring' });
    expect(client.idTokenLifetimeSeconds).toBe(36000);
  });

  it('stores rotating refresh tokens without a reuse interval for a single-page application', async () => {
    const client = await create('Step Counter SPA', 'spa');
    expect(client.refreshTokenPolicy).toMatchObject({ rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 0 });
    expect(client.idTokenLifetimeSeconds).toBe(36000);
  });
});

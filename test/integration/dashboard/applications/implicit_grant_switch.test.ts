import { describe, expect, it } from '@jest/globals';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The implicit grant switch on an application's settings: ticked for a new interactive application,
 * saved as the admin leaves it (an unticked box is absent from the form), and not shown for a
 * machine-to-machine application, whose grant types a save never touches.
 */
describe('the implicit grant switch in the dashboard', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  async function create(name: string, appType: string): Promise<string> {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name, app_type: appType });
    const shown = await dashboard.agent().get(String(created.headers.location)).expect(200);
    return /id="client-id">([^<]+)</.exec(shown.text)![1]!;
  }

  const grantTypes = async (clientId: string) => (await dashboard.harness().store.clients.get('default', clientId))?.grantTypes;
  const switchOf = (html: string) => /<input type="checkbox" name="implicit"[^>]*>/.exec(html)?.[0];

  it('shows it ticked on a new web application, and saves it unticked and ticked again', async () => {
    const clientId = await create('Code flow only', 'regular_web');
    const page = `${list}/${clientId}`;
    expect(switchOf((await dashboard.agent().get(page).expect(200)).text)).toContain(' checked');

    expect((await submitForm(dashboard.agent(), page, page, { name: 'Code flow only' })).status).toBe(303);
    // The switch is about implicit alone: the other grant types stay as they were.
    expect(await grantTypes(clientId)).toEqual(['authorization_code', 'refresh_token', 'client_credentials']);
    expect(switchOf((await dashboard.agent().get(page).expect(200)).text)).not.toContain(' checked');

    expect((await submitForm(dashboard.agent(), page, page, { name: 'Code flow only', implicit: 'on' })).status).toBe(303);
    expect(await grantTypes(clientId)).toEqual(['authorization_code', 'refresh_token', 'client_credentials', 'implicit']);
  });

  it('keeps the box as the admin left it when the form comes back with an error', async () => {
    const clientId = await create('Kept on error', 'spa');
    const page = `${list}/${clientId}`;
    const refused = await submitForm(dashboard.agent(), page, page, { name: '' });
    expect(refused.status).toBe(400);
    expect(switchOf(refused.text)).not.toContain(' checked');
    expect(await grantTypes(clientId)).toContain('implicit');
  });

  it('neither shows it for a machine-to-machine application nor changes its grant types on save', async () => {
    const clientId = await create('Machine', 'non_interactive');
    const page = `${list}/${clientId}`;
    expect(switchOf((await dashboard.agent().get(page).expect(200)).text)).toBeUndefined();
    expect((await submitForm(dashboard.agent(), page, page, { name: 'Machine renamed' })).status).toBe(303);
    expect(await grantTypes(clientId)).toEqual(['client_credentials']);
  });
});

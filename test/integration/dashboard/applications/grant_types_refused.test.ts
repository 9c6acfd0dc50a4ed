import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import type { Client } from '../../../../src/domain/types.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';
import { grantTypesShownOf, tickedGrantTypesOf } from './grant_type_boxes.js';

/**
 * A post of the Grant Types that ticks what the page never offers (a grant type fitgate does not
 * know, client_credentials for an application that cannot keep a secret, a user grant for a
 * machine-to-machine one) is refused with the page shown again: the error beside the boxes, the
 * boxes as posted, and nothing saved.
 */
describe('refused Grant Types', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  async function stored(name: string, appType: Client['appType'], grantTypes: string[], tokenEndpointAuthMethod?: Client['tokenEndpointAuthMethod']) {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name, appType, grantTypes, ...(tokenEndpointAuthMethod && { tokenEndpointAuthMethod }) });
    return { clientId: client.clientId, page: `${list}/${encodeURIComponent(client.clientId)}` };
  }

  const grantTypesOf = async (clientId: string) => (await dashboard.harness().store.clients.get('default', clientId))?.grantTypes;
  /** Opens the page and posts it with `grantTypes` ticked. */
  const save = async (page: string, name: string, grantTypes: string[]) => {
    const shown = grantTypesShownOf((await dashboard.agent().get(page).expect(200)).text);
    return submitForm(dashboard.agent(), page, page, { name, ...shown, grant_types: grantTypes });
  };

  it('refuses a grant type fitgate does not know, naming it, with the boxes as posted and nothing saved', async () => {
    const { clientId, page } = await stored('Web', 'regular_web', ['authorization_code', 'implicit', 'refresh_token', 'client_credentials']);
    const refused = await save(page, 'Web renamed', ['authorization_code', 'password']);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="grant_types-error">There is no grant type &quot;password&quot;: tick grant types from the list.</p>');
    expect(refused.text).toMatch(/<input type="checkbox" name="grant_types" value="authorization_code" checked aria-invalid="true" aria-describedby="grant_types-error">/);
    expect(tickedGrantTypesOf(refused.text)).toEqual(['authorization_code']);
    expect(await dashboard.harness().store.clients.get('default', clientId)).toMatchObject({
      name: 'Web',
      grantTypes: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    });
  });

  it('refuses client_credentials for a single-page application, which runs where it cannot keep a secret', async () => {
    const { clientId, page } = await stored('Spa', 'spa', ['authorization_code', 'refresh_token']);
    const refused = await save(page, 'Spa', ['authorization_code', 'refresh_token', 'client_credentials']);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Client Credentials does not apply to this application: it is of type Single page application, which runs where it cannot keep a secret.');
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('refuses client_credentials for a regular web application made public, which /oauth/token would refuse it', async () => {
    const { clientId, page } = await stored('Public web', 'regular_web', ['authorization_code'], 'none');
    const refused = await save(page, 'Public web', ['authorization_code', 'client_credentials']);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Client Credentials does not apply to this application: it has no client secret (it is public)');
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code']);
  });

  it('refuses a user grant for a machine-to-machine application, saying what the dashboard offers that type', async () => {
    const { clientId, page } = await stored('Machine', 'non_interactive', ['client_credentials']);
    const refused = await save(page, 'Machine', ['client_credentials', 'authorization_code']);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Authorization Code does not apply to this application: it is of type Machine to machine, for which the dashboard offers Client Credentials only.');
    expect(await grantTypesOf(clientId)).toEqual(['client_credentials']);
  });
});

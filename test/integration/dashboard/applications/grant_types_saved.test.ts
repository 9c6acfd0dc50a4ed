import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import type { Client } from '../../../../src/domain/types.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';
import { grantTypesShownOf, tickedGrantTypesOf } from './grant_type_boxes.js';

/**
 * Saving an application's settings saves its Grant Types as the boxes are left (an unticked box is
 * absent from the form): the grant types the page showed become the ticked ones, each kept in its
 * place and a new one last, and whatever the page did not show is kept. A form without the boxes
 * (a page opened before they existed) leaves the grant types as stored, and one without the
 * session's CSRF token changes nothing.
 */
describe('saving the Grant Types of an application', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  async function stored(name: string, appType: Client['appType'], grantTypes: string[]): Promise<{ clientId: string; page: string }> {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name, appType, grantTypes });
    return { clientId: client.clientId, page: `${list}/${encodeURIComponent(client.clientId)}` };
  }

  const grantTypesOf = async (clientId: string) => (await dashboard.harness().store.clients.get('default', clientId))?.grantTypes;
  /** Opens the page and saves it with `grantTypes` ticked, as a browser does. */
  const save = async (page: string, name: string, grantTypes: string[]) => {
    const shown = grantTypesShownOf((await dashboard.agent().get(page).expect(200)).text);
    return submitForm(dashboard.agent(), page, page, { name, ...shown, grant_types: grantTypes });
  };

  it('takes an unticked one away and puts it back last, the others kept in place', async () => {
    const { clientId, page } = await stored('Code flow only', 'regular_web', ['authorization_code', 'implicit', 'refresh_token', 'client_credentials']);

    expect((await save(page, 'Code flow only', ['authorization_code', 'refresh_token', 'client_credentials'])).status).toBe(303);
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token', 'client_credentials']);
    expect(tickedGrantTypesOf((await dashboard.agent().get(page).expect(200)).text)).toEqual(['authorization_code', 'refresh_token', 'client_credentials']);

    expect((await save(page, 'Code flow only', ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'])).status).toBe(303);
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token', 'client_credentials', 'implicit']);
  });

  it('saves none ticked as none, and a machine-to-machine application without client_credentials', async () => {
    const web = await stored('Nothing', 'spa', ['authorization_code', 'implicit', 'refresh_token']);
    expect((await save(web.page, 'Nothing', [])).status).toBe(303);
    expect(await grantTypesOf(web.clientId)).toEqual([]);

    const machine = await stored('Paused machine', 'non_interactive', ['client_credentials']);
    expect((await save(machine.page, 'Paused machine', [])).status).toBe(303);
    expect(await grantTypesOf(machine.clientId)).toEqual([]);
  });

  it('takes away a grant type the Management API gave beyond its type when unticked, and keeps it while ticked', async () => {
    const { clientId, page } = await stored('Odd machine', 'non_interactive', ['authorization_code', 'client_credentials']);
    expect((await save(page, 'Odd machine', ['authorization_code', 'client_credentials'])).status).toBe(303);
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'client_credentials']);

    expect((await save(page, 'Odd machine', ['client_credentials'])).status).toBe(303);
    expect(await grantTypesOf(clientId)).toEqual(['client_credentials']);
  });

  it('leaves the grant types as stored when the form carries no Grant Types, as a page opened before they existed', async () => {
    const { clientId, page } = await stored('Old page', 'regular_web', ['authorization_code', 'refresh_token']);
    // Such a page had one Implicit box (`implicit: 'on'` when ticked), which is read no more.
    expect((await submitForm(dashboard.agent(), page, page, { name: 'Old page, renamed', implicit: 'on' })).status).toBe(303);
    expect(await dashboard.harness().store.clients.get('default', clientId)).toMatchObject({ name: 'Old page, renamed', grantTypes: ['authorization_code', 'refresh_token'] });
    // A page that marked its boxes without naming them (grant_types_shown=1) is read the same way.
    expect((await submitForm(dashboard.agent(), page, page, { name: 'Old page', grant_types_shown: '1', grant_types: ['implicit'] })).status).toBe(303);
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('changes nothing without the CSRF token', async () => {
    const { clientId, page } = await stored('Guarded', 'regular_web', ['authorization_code', 'refresh_token']);
    const forged = await dashboard.agent().post(page).type('form').send({ name: 'Guarded', grant_types_shown: 'client_credentials', grant_types_held: '', grant_types: 'client_credentials' });
    expect(forged.status).toBe(403);
    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token']);
  });
});

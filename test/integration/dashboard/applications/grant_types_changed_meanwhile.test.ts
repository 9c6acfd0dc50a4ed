import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { updateClient } from '../../../../src/domain/client_updates.js';
import type { Client } from '../../../../src/domain/types.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';
import { grantTypesShownOf, tickedGrantTypesOf } from './grant_type_boxes.js';

/**
 * The Grant Types of a page opened before the Management API changed the application's grant types
 * save what the admin changed on the page, not the page as it was: the page posts the boxes it
 * showed and which were ticked then (grant_types_shown, grant_types_held), so a grant type added or
 * taken away meanwhile stays so, whether the page had a box for it or not, and the admin's own
 * ticks and unticks are still made.
 */
describe('Grant Types changed through the Management API while the page was open', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  async function stored(appType: Client['appType'], grantTypes: string[]): Promise<{ clientId: string; page: string }> {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: 'Meanwhile', appType, grantTypes });
    return { clientId: client.clientId, page: `${list}/${encodeURIComponent(client.clientId)}` };
  }

  /** The page as the admin opened it: its hidden fields and the boxes ticked. */
  async function opened(page: string): Promise<{ shown: Record<string, string>; ticked: string[] }> {
    const html = (await dashboard.agent().get(page).expect(200)).text;
    return { shown: grantTypesShownOf(html), ticked: tickedGrantTypesOf(html) };
  }

  /** What the Management API does: a change written on the application as stored. */
  const changedThroughApi = (clientId: string, grantTypes: (held: string[]) => string[]) =>
    updateClient(dashboard.harness().store.clients, 'default', clientId, (current) => ({ ...current, grantTypes: grantTypes(current.grantTypes) }));

  const save = (page: string, shown: Record<string, string>, ticked: string[]) => submitForm(dashboard.agent(), page, page, { name: 'Meanwhile, renamed', ...shown, grant_types: ticked });
  const grantTypesOf = async (clientId: string) => (await dashboard.harness().store.clients.get('default', clientId))?.grantTypes;

  it('keeps a grant type added meanwhile that the page showed unticked', async () => {
    const { clientId, page } = await stored('regular_web', ['authorization_code', 'refresh_token']);
    const { shown, ticked } = await opened(page);
    await changedThroughApi(clientId, (held) => [...held, 'implicit']);

    expect((await save(page, shown, ticked)).status).toBe(303);

    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token', 'implicit']);
  });

  it('does not put back a grant type taken away meanwhile that the page showed ticked', async () => {
    const { clientId, page } = await stored('regular_web', ['authorization_code', 'implicit', 'refresh_token', 'client_credentials']);
    const { shown, ticked } = await opened(page);
    await changedThroughApi(clientId, (held) => held.filter((grantType) => grantType !== 'implicit'));

    expect((await save(page, shown, ticked)).status).toBe(303);

    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'refresh_token', 'client_credentials']);
  });

  it('keeps a grant type beyond its type added meanwhile, which the page had no box for', async () => {
    const { clientId, page } = await stored('non_interactive', ['client_credentials']);
    const { shown, ticked } = await opened(page);
    await changedThroughApi(clientId, (held) => [...held, 'authorization_code']);

    expect((await save(page, shown, ticked)).status).toBe(303);

    expect(await grantTypesOf(clientId)).toEqual(['client_credentials', 'authorization_code']);
  });

  it('makes the admin’s own changes on top of those made meanwhile', async () => {
    const { clientId, page } = await stored('regular_web', ['authorization_code', 'implicit', 'refresh_token']);
    const { shown } = await opened(page);
    await changedThroughApi(clientId, (held) => [...held.filter((grantType) => grantType !== 'refresh_token'), 'client_credentials']);

    // The admin unticks Implicit and ticks Client Credentials, leaving Refresh Token ticked as the page showed it.
    expect((await save(page, shown, ['authorization_code', 'refresh_token', 'client_credentials'])).status).toBe(303);

    expect(await grantTypesOf(clientId)).toEqual(['authorization_code', 'client_credentials']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { TOKEN_VAULT_GRANT_TYPE } from '../../../../src/domain/grant_types.js';
import { csrfTokenOf, submitForm, useSignedInDashboard } from '../dashboard_harness.js';
import { grantTypeBoxesOf } from './grant_type_boxes.js';

/**
 * An application's settings form shows Grant Types, as Auth0's Advanced Settings do: a box for each
 * grant type its type uses (Token Vault only for one with a secret, never ticked by default), ticked as stored, inside the form that carries the CSRF token; and a
 * grant type the Management API gave it beyond those, shown ticked with a word on why, to untick.
 */
describe('the Grant Types of an application page', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  async function created(name: string, appType: string): Promise<string> {
    const answer = await submitForm(dashboard.agent(), `${list}/new`, list, { name, app_type: appType });
    const shown = await dashboard.agent().get(String(answer.headers.location)).expect(200);
    return /id="client-id">([^<]+)</.exec(shown.text)![1]!;
  }

  const pageOf = async (clientId: string) => (await dashboard.agent().get(`${list}/${encodeURIComponent(clientId)}`).expect(200)).text;

  it('offers a new regular web application its four defaults ticked and Token Vault unticked, in the settings form with its CSRF token', async () => {
    const html = await pageOf(await created('Web', 'regular_web'));
    expect(grantTypeBoxesOf(html)).toEqual([
      { value: 'authorization_code', ticked: true },
      { value: 'implicit', ticked: true },
      { value: 'refresh_token', ticked: true },
      { value: 'client_credentials', ticked: true },
      { value: TOKEN_VAULT_GRANT_TYPE, ticked: false },
    ]);
    const settingsForm = /<form method="post" action="[^"]+">([\s\S]*?)<\/form>/.exec(html)![1]!;
    expect(settingsForm).toContain('name="grant_types" value="client_credentials"');
    expect(settingsForm).toContain(`<input type="hidden" name="grant_types_shown" value="authorization_code,implicit,refresh_token,client_credentials,${TOKEN_VAULT_GRANT_TYPE}">`);
    expect(settingsForm).toContain('<input type="hidden" name="grant_types_held" value="authorization_code,implicit,refresh_token,client_credentials">');
    expect(csrfTokenOf(settingsForm)).toBeTruthy();
  });

  it('offers single-page and native applications the user grants only, and a machine-to-machine one client_credentials only', async () => {
    const userGrants = [
      { value: 'authorization_code', ticked: true },
      { value: 'implicit', ticked: true },
      { value: 'refresh_token', ticked: true },
    ];
    expect(grantTypeBoxesOf(await pageOf(await created('Spa', 'spa')))).toEqual(userGrants);
    expect(grantTypeBoxesOf(await pageOf(await created('Phone', 'native')))).toEqual(userGrants);
    expect(grantTypeBoxesOf(await pageOf(await created('Cron', 'non_interactive')))).toEqual([{ value: 'client_credentials', ticked: true }]);
  });

  it('shows unticked what an application of its type may use but does not hold', async () => {
    const { client } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Older web',
      appType: 'regular_web',
      grantTypes: ['authorization_code', 'implicit', 'refresh_token'],
    });
    expect(grantTypeBoxesOf(await pageOf(client.clientId))).toContainEqual({ value: 'client_credentials', ticked: false });
  });

  it('shows a grant type the Management API gave beyond its type ticked, saying the dashboard does not offer it', async () => {
    const { client } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Odd machine',
      appType: 'non_interactive',
      grantTypes: ['client_credentials', 'authorization_code'],
    });
    const html = await pageOf(client.clientId);
    expect(grantTypeBoxesOf(html)).toEqual([
      { value: 'authorization_code', ticked: true },
      { value: 'client_credentials', ticked: true },
    ]);
    expect(html).toContain('set through the Management API, though the dashboard does not offer it to this type of application. Untick it to take it away.');
  });
});

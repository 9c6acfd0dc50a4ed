import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { settingsFormAsRendered } from '../../same_rules/settings_form_as_rendered.js';
import { backchannelInputOf } from './backchannel_field.js';

/**
 * Saving an application's other settings never drops the back-channel logout URL the Management API
 * set: not from the page as rendered (which shows it), nor from a form without the field (a page
 * opened before the field existed), nor from a machine-to-machine application's page (which has
 * none). Only a field sent empty clears it.
 */
describe('the Back-Channel Logout URL across other settings saves', () => {
  const both = useBothWays();
  const apps = `/manage/t/${TENANT}/applications`;
  const oidcLogout = { backchannel_logout_urls: ['https://app.example/bcl'], backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['rp-logout'] } };

  async function createdThroughApi(appType: string): Promise<{ clientId: string; page: string }> {
    const created = await both.api('post', '/clients', { name: 'Kept', app_type: appType, oidc_logout: oidcLogout }).expect(201);
    const clientId = String((created.body as { client_id: string }).client_id);
    return { clientId, page: `${apps}/${encodeURIComponent(clientId)}` };
  }

  async function answeredOidcLogout(clientId: string): Promise<unknown> {
    return ((await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200)).body as { oidc_logout?: unknown }).oidc_logout;
  }

  it('keeps it when the page is saved as rendered with another field changed', async () => {
    const { clientId, page } = await createdThroughApi('regular_web');
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    expect(rendered.backchannel_logout_urls).toBe('https://app.example/bcl');

    expect((await both.form(page, page, { ...rendered, name: 'Kept, renamed', callbacks: 'https://app.example/cb' })).status).toBe(303);

    expect(await both.harness().store.clients.get(TENANT, clientId)).toMatchObject({ name: 'Kept, renamed', callbacks: ['https://app.example/cb'] });
    expect(await answeredOidcLogout(clientId)).toEqual(oidcLogout);
  });

  it('keeps it when the form has no such field, as a page opened before it existed', async () => {
    const { clientId, page } = await createdThroughApi('spa');
    const form = { name: 'Kept, old page', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '' };

    expect((await both.form(page, page, form)).status).toBe(303);

    expect((await both.harness().store.clients.get(TENANT, clientId))?.name).toBe('Kept, old page');
    expect(await answeredOidcLogout(clientId)).toEqual(oidcLogout);
  });

  it("keeps it when a machine-to-machine application's page is saved, even with the field added to the post", async () => {
    const { clientId, page } = await createdThroughApi('non_interactive');
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    expect(backchannelInputOf((await both.agent().get(page).expect(200)).text)).toBeUndefined();

    expect((await both.form(page, page, { ...rendered, name: 'Kept machine' })).status).toBe(303);
    expect((await both.form(page, page, { ...rendered, name: 'Kept machine', backchannel_logout_urls: '' })).status).toBe(303);

    expect((await both.harness().store.clients.get(TENANT, clientId))?.name).toBe('Kept machine');
    expect(await answeredOidcLogout(clientId)).toEqual(oidcLogout);
  });
});

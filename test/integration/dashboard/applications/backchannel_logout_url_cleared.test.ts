import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { backchannelValueOf, settingsForm } from './backchannel_field.js';

/**
 * Emptying the Back-Channel Logout URL field and saving removes the URL: the application then gets
 * no logout token, and the Management API answers it without one, as after a PATCH of
 * {"oidc_logout":{"backchannel_logout_urls":[]}}. Initiators the API set, which the page does not
 * show, are not the field's to remove.
 */
describe('clearing the Back-Channel Logout URL in the dashboard', () => {
  const both = useBothWays();
  const apps = `/manage/t/${TENANT}/applications`;

  async function createdThroughApi(oidcLogout: Record<string, unknown>): Promise<string> {
    const created = await both.api('post', '/clients', { name: 'Cleared', app_type: 'regular_web', oidc_logout: oidcLogout }).expect(201);
    return String((created.body as { client_id: string }).client_id);
  }

  it('removes the setting, so the Management API answers the application without oidc_logout', async () => {
    const clientId = await createdThroughApi({ backchannel_logout_urls: ['https://app.example/bcl'] });
    const page = `${apps}/${encodeURIComponent(clientId)}`;

    expect((await both.form(page, page, settingsForm('Cleared', { backchannel_logout_urls: '   ' }))).status).toBe(303);

    expect((await both.harness().store.clients.get(TENANT, clientId))?.oidcLogout).toBeUndefined();
    const answered = await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200);
    expect(answered.body).not.toHaveProperty('oidc_logout');
    expect(backchannelValueOf((await both.agent().get(page).expect(200)).text)).toBe('');
  });

  it('removes the URL and leaves the initiators the Management API set', async () => {
    const initiators = { mode: 'all' };
    const clientId = await createdThroughApi({ backchannel_logout_urls: ['https://app.example/bcl'], backchannel_logout_initiators: initiators });
    const page = `${apps}/${encodeURIComponent(clientId)}`;

    expect((await both.form(page, page, settingsForm('Cleared'))).status).toBe(303);

    const answered = await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200);
    expect((answered.body as { oidc_logout?: unknown }).oidc_logout).toEqual({ backchannel_logout_urls: [], backchannel_logout_initiators: initiators });
  });
});

import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { backchannelValueOf, settingsForm } from './backchannel_field.js';

/**
 * An admin sets an application's back-channel logout URL on its settings page: it is stored as
 * oidc_logout.backchannel_logout_urls, the Management API then answers it, and the page shows it.
 * Initiators the API set, which the page does not show, stay.
 */
describe('setting the Back-Channel Logout URL in the dashboard', () => {
  const both = useBothWays();
  const apps = `/manage/t/${TENANT}/applications`;

  async function createdThroughApi(body: Record<string, unknown> = {}): Promise<string> {
    const created = await both.api('post', '/clients', { name: 'Set in the dashboard', app_type: 'regular_web', ...body }).expect(201);
    return String((created.body as { client_id: string }).client_id);
  }

  it.each(['https://app.example/backchannel-logout', 'http://localhost:4000/backchannel-logout', 'http://127.0.0.1:4000/bcl', 'http://[::1]:4000/bcl'])(
    'stores %s, which the Management API then answers and the page shows',
    async (url) => {
      const clientId = await createdThroughApi();
      const page = `${apps}/${encodeURIComponent(clientId)}`;

      const saved = await both.form(page, page, settingsForm('Set in the dashboard', { backchannel_logout_urls: `  ${url} ` }));
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe(`${page}?saved=1`);

      expect((await both.harness().store.clients.get(TENANT, clientId))?.oidcLogout).toEqual({ backchannelLogoutUrls: [url] });
      const answered = await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200);
      expect((answered.body as { oidc_logout?: unknown }).oidc_logout).toEqual({ backchannel_logout_urls: [url] });
      expect(backchannelValueOf((await both.agent().get(page).expect(200)).text)).toBe(url);
    },
  );

  it('replaces the URL and keeps the back-channel logout initiators the Management API set', async () => {
    const initiators = { mode: 'custom', selected_initiators: ['rp-logout', 'account-deleted'] };
    const clientId = await createdThroughApi({ oidc_logout: { backchannel_logout_urls: ['https://old.example/bcl'], backchannel_logout_initiators: initiators } });
    const page = `${apps}/${encodeURIComponent(clientId)}`;

    expect((await both.form(page, page, settingsForm('Set in the dashboard', { backchannel_logout_urls: 'https://new.example/bcl' }))).status).toBe(303);

    const answered = await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200);
    expect((answered.body as { oidc_logout?: unknown }).oidc_logout).toEqual({ backchannel_logout_urls: ['https://new.example/bcl'], backchannel_logout_initiators: initiators });
  });
});

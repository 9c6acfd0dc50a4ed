import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { answeredLogoutUrls, logoutUrlsTextOf, SETTINGS_PAGE, settingsSetThroughApi } from './tenant_logout_urls_field.js';

/**
 * Allowed Logout URLs typed on the tenant settings page are saved with the lifetimes in one write,
 * as one PATCH /api/v2/tenants/settings saves them: one per line, blanks dropped, each URL once; the
 * Management API answers the list, and the save is logged as that call.
 */
describe('Allowed Logout URLs set on the tenant settings page', () => {
  const both = useBothWays();

  it('saves the URLs typed one per line with the lifetimes, each once, and the API answers them', async () => {
    await settingsSetThroughApi(both, []);
    const typed = ' https://portal.example/bye \r\n\r\nhttps://portal.example/bye?from=a,b\r\nhttp://localhost:3000/\r\nhttps://portal.example/bye';

    const saved = await both.form(SETTINGS_PAGE, SETTINGS_PAGE, { inactivity_timeout: '30', require_log_in_after: '90', allowed_logout_urls: typed });

    expect(saved.status).toBe(303);
    expect(String(saved.headers.location)).toBe(`${SETTINGS_PAGE}?saved=1`);
    const urls = ['https://portal.example/bye', 'https://portal.example/bye?from=a,b', 'http://localhost:3000/'];
    expect(await both.harness().store.tenants.getStored(TENANT)).toMatchObject({ idleSessionLifetimeHours: 0.5, sessionLifetimeHours: 1.5, allowedLogoutUrls: urls });
    expect(await answeredLogoutUrls(both)).toEqual(urls);
    const page = (await both.agent().get(`${SETTINGS_PAGE}?saved=1`).expect(200)).text;
    expect(page).toContain('Settings saved.');
    expect(logoutUrlsTextOf(page)).toBe(urls.join('\n'));
  });

  it('logs the save as the Management API call, by the admin from the dashboard', async () => {
    await settingsSetThroughApi(both, []);
    const form = { inactivity_timeout: '4320', require_log_in_after: '10080', allowed_logout_urls: 'https://portal.example/logged' };

    expect((await both.form(SETTINGS_PAGE, SETTINGS_PAGE, form)).status).toBe(303);

    const [event] = (await both.harness().store.logs.list(TENANT, { page: 0, perPage: 1, type: 'sapi' })).items;
    expect(event).toMatchObject({
      description: 'Update tenant settings',
      userName: 'owner@example.com',
      details: { request: { method: 'PATCH', path: '/api/v2/tenants/settings', channel: 'dashboard' }, response: { statusCode: 200 } },
    });
  });
});

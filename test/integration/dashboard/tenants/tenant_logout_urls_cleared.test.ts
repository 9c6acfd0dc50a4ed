import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { answeredLogoutUrls, logoutUrlsTextOf, SETTINGS_PAGE, settingsFormAsRendered, settingsSetThroughApi } from './tenant_logout_urls_field.js';

/**
 * Emptying the Allowed Logout URLs on the tenant settings page and saving removes the list, as
 * {"allowed_logout_urls":[]} does through the Management API; a field of blank lines is empty too.
 */
describe('Allowed Logout URLs cleared on the tenant settings page', () => {
  const both = useBothWays();

  it.each([
    ['emptied', ''],
    ['left with blank lines only', '\r\n  \r\n'],
  ])('removes the list when the field is %s', async (_case, text) => {
    await settingsSetThroughApi(both, ['https://portal.example/bye', 'https://portal.example/later']);
    const rendered = settingsFormAsRendered((await both.agent().get(SETTINGS_PAGE).expect(200)).text);

    expect((await both.form(SETTINGS_PAGE, SETTINGS_PAGE, { ...rendered, allowed_logout_urls: text })).status).toBe(303);

    expect((await both.harness().store.tenants.getStored(TENANT))?.allowedLogoutUrls).toEqual([]);
    expect(await answeredLogoutUrls(both)).toEqual([]);
    expect(logoutUrlsTextOf((await both.agent().get(SETTINGS_PAGE).expect(200)).text)).toBe('');
  });
});

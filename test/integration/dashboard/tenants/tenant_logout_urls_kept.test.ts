import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { answeredLogoutUrls, SETTINGS_PAGE, settingsFormAsRendered, settingsSetThroughApi } from './tenant_logout_urls_field.js';

/**
 * Saving the tenant's session lifetimes never drops the Allowed Logout URLs the Management API set:
 * not from the page as rendered (which shows them, a comma inside a URL kept whole), nor from a form
 * without the field (a page opened before it existed). Only the field sent empty clears the list.
 */
describe('the Allowed Logout URLs across other tenant settings saves', () => {
  const both = useBothWays();
  const urls = ['https://portal.example/bye', 'https://portal.example/bye?from=a,b'];
  const stored = async () => both.harness().store.tenants.getStored(TENANT);

  it('keeps them when the page is saved as rendered with a lifetime changed', async () => {
    await settingsSetThroughApi(both, urls);
    const rendered = settingsFormAsRendered((await both.agent().get(SETTINGS_PAGE).expect(200)).text);
    expect(rendered.allowed_logout_urls).toBe(urls.join('\r\n'));

    expect((await both.form(SETTINGS_PAGE, SETTINGS_PAGE, { ...rendered, inactivity_timeout: '60' })).status).toBe(303);

    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 1, allowedLogoutUrls: urls });
    expect(await answeredLogoutUrls(both)).toEqual(urls);
  });

  it('keeps them when the form has no such field, as a page opened before it existed', async () => {
    await settingsSetThroughApi(both, urls);

    expect((await both.form(SETTINGS_PAGE, SETTINGS_PAGE, { inactivity_timeout: '90', require_log_in_after: '600' })).status).toBe(303);

    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 1.5, sessionLifetimeHours: 10, allowedLogoutUrls: urls });
    expect(await answeredLogoutUrls(both)).toEqual(urls);
  });
});

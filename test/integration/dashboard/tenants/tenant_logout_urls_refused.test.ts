import { describe, expect, it } from '@jest/globals';
import { writtenRedirectUrlProblem } from '../../../../src/domain/application_urls.js';
import { csrfTokenOf } from '../dashboard_harness.js';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { logoutUrlsErrorOf, logoutUrlsTextareaOf, logoutUrlsTextOf, SETTINGS_PAGE, settingsSetThroughApi } from './tenant_logout_urls_field.js';

/**
 * An Allowed Logout URL that breaks the rule is refused on the tenant settings page: the form comes
 * back (400) with the rule's message next to the field, the field marked invalid and described by
 * it (where dashboard.js puts the focus), what was typed kept, and nothing of the form stored, the
 * lifetimes included. A refused lifetime stores no URL either: the form is one write.
 */
describe('refused Allowed Logout URLs on the tenant settings page', () => {
  const both = useBothWays();
  const before = ['https://portal.example/before'];
  const stored = async () => both.harness().store.tenants.getStored(TENANT);
  const save = (fields: Record<string, string>) => both.form(SETTINGS_PAGE, SETTINGS_PAGE, { inactivity_timeout: '30', require_log_in_after: '90', ...fields });

  async function expectNothingStored(): Promise<void> {
    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 48, sessionLifetimeHours: 120, allowedLogoutUrls: before });
  }

  it.each([
    'http://portal.example/bye',
    'com.example.app:/bye',
    'https://portal.example/bye#top',
    'https://*.example/bye',
    'https://a.example/bye,https://b.example/bye',
    'HTTPS://Portal.example/bye',
    'portal.example/bye',
    'javascript:alert(1)',
  ])('refuses %s next to the field, keeps what was typed and stores nothing', async (url) => {
    await settingsSetThroughApi(both, before);
    const typed = `https://portal.example/fine\n${url}`;

    const refused = await save({ allowed_logout_urls: typed });

    expect(refused.status).toBe(400);
    expect(logoutUrlsErrorOf(refused.text)).toMatch(new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(logoutUrlsErrorOf(refused.text)).toContain(`${url}: ${writtenRedirectUrlProblem(url, 'regular_web')!}.`);
    expect(logoutUrlsTextOf(refused.text)).toBe(typed);
    expect(logoutUrlsTextareaOf(refused.text)).toContain('aria-describedby="allowed_logout_urls-hint allowed_logout_urls-error" aria-invalid="true"');
    expect(refused.text).toContain('value="30"');
    expect(csrfTokenOf(refused.text)).not.toBe('');
    await expectNothingStored();
  });

  it('refuses more than 100 URLs in the words of an application list, and stores nothing', async () => {
    await settingsSetThroughApi(both, before);
    const urls = Array.from({ length: 101 }, (_, index) => `https://portal${index}.example/bye`);

    const refused = await save({ allowed_logout_urls: urls.join('\n') });

    expect(refused.status).toBe(400);
    expect(logoutUrlsErrorOf(refused.text)).toBe('List at most 100 URLs; this list has 101.');
    await expectNothingStored();
  });

  it('stores no URL when a lifetime is refused, and shows both problems when both are', async () => {
    await settingsSetThroughApi(both, before);

    const lifetimeRefused = await save({ inactivity_timeout: '120', require_log_in_after: '60', allowed_logout_urls: 'https://portal.example/new' });
    expect(lifetimeRefused.status).toBe(400);
    expect(lifetimeRefused.text).toContain('Inactivity timeout must not be longer than Require log in after');
    expect(logoutUrlsErrorOf(lifetimeRefused.text)).toBeUndefined();
    expect(logoutUrlsTextOf(lifetimeRefused.text)).toBe('https://portal.example/new');
    await expectNothingStored();

    const bothRefused = await save({ inactivity_timeout: 'an hour', allowed_logout_urls: 'http://portal.example/bye' });
    expect(bothRefused.status).toBe(400);
    expect(bothRefused.text).toContain('Inactivity timeout must be a number of minutes');
    expect(logoutUrlsErrorOf(bothRefused.text)).toMatch(/^http:\/\/portal\.example\/bye: must use https/);
    await expectNothingStored();
  });

  it('refuses a POST without the CSRF token', async () => {
    await settingsSetThroughApi(both, before);
    const forged = await both.agent().post(SETTINGS_PAGE).type('form').send({ inactivity_timeout: '30', require_log_in_after: '90', allowed_logout_urls: 'https://evil.example/' });
    expect(forged.status).toBe(403);
    await expectNothingStored();
  });
});

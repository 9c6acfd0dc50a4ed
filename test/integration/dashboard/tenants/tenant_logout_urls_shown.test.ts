import { describe, expect, it } from '@jest/globals';
import { tenantLogoutUrlProblem } from '../../../../src/domain/tenant_logout_urls.js';
import { updateTenant } from '../../../../src/domain/tenant_updates.js';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { logoutUrlsErrorOf, logoutUrlsTextareaOf, logoutUrlsTextOf, SETTINGS_PAGE, settingsSetThroughApi } from './tenant_logout_urls_field.js';

/**
 * The tenant's settings page shows its tenant-level Allowed Logout URLs, the list the Management API
 * sets in allowed_logout_urls, one per line in the settings form, with what the list is for in
 * Auth0's terms and where the manual says more.
 */
describe('the Allowed Logout URLs on the tenant settings page', () => {
  const both = useBothWays();
  const page = async () => (await both.agent().get(SETTINGS_PAGE).expect(200)).text;

  it('shows the list the Management API set, one per line, in the form with the CSRF token', async () => {
    const urls = ['https://portal.example/bye', 'https://portal.example/bye?from=a,b', 'http://localhost:3000/'];
    await settingsSetThroughApi(both, urls);

    const html = await page();

    expect(html).toContain('<label for="allowed_logout_urls">Allowed Logout URLs</label>');
    expect(logoutUrlsTextOf(html)).toBe(urls.join('\n'));
    expect(logoutUrlsTextareaOf(html)).toContain('name="allowed_logout_urls"');
    expect(logoutUrlsTextareaOf(html)).toContain('aria-describedby="allowed_logout_urls-hint"');
    expect(logoutUrlsErrorOf(html)).toBeUndefined();
    // The field belongs to the one form with the lifetimes and the CSRF token, so one Save sends them all.
    const form = /<form method="post" action="\/manage\/t\/default\/settings">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
    expect(form).toMatch(/^\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(form).toContain('<input id="inactivity_timeout"');
    expect(form).toContain('<textarea id="allowed_logout_urls"');
  });

  it("says in Auth0's terms what the list is for, that an application's own list comes first, and where the manual says more", async () => {
    const html = await page();
    expect(html).toContain('Where a logout that names no application (neither by <code>client_id</code> nor by <code>id_token_hint</code>) may send users back');
    expect(html).toContain("A logout that names an application is checked against that application's own Allowed Logout URLs only, never this list.");
    expect(html).toContain("Auth0's tenant-level Allowed Logout URLs (Tenant Settings, Advanced), the Management API's <code>allowed_logout_urls</code>");
    expect(html).toContain('<code>docs/management-api.md#tenant-level-allowed-logout-urls</code>');
  });

  it('shows an empty field for a tenant without a list', async () => {
    await settingsSetThroughApi(both, []);
    expect(logoutUrlsTextOf(await page())).toBe('');
  });

  it('says next to the field when a URL stored before the rule is one logout refuses to follow', async () => {
    const stored = 'http://portal.example/bye';
    await updateTenant(both.harness().store.tenants, TENANT, (tenant) => ({ ...tenant, allowedLogoutUrls: ['https://portal.example/ok', stored] }));

    const html = await page();

    expect(logoutUrlsTextOf(html)).toBe(`https://portal.example/ok\n${stored}`);
    expect(logoutUrlsErrorOf(html)).toBe(`Saved earlier, and refused at logout until replaced: ${stored}: ${tenantLogoutUrlProblem(stored)!}.`);
    expect(logoutUrlsErrorOf(html)).toContain('must use https');
    expect(logoutUrlsTextareaOf(html)).toContain('aria-describedby="allowed_logout_urls-hint allowed_logout_urls-error" aria-invalid="true"');
  });
});

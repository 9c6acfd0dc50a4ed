import { describe, expect, it } from '@jest/globals';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/** Creating a tenant from the dashboard: its address and callback URL, its creator as first admin. */
describe('tenants in the dashboard', () => {
  const dashboard = useSignedInDashboard();

  it('creates a tenant, makes its creator an admin of it, and shows its domain and callback URL', async () => {
    const created = await submitForm(dashboard.agent(), '/manage/tenants', '/manage/tenants', { name: 'acme' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/manage/t/acme?created=1');
    expect(await dashboard.harness().store.tenants.get('acme')).toBeDefined();
    expect((await dashboard.harness().store.admins.get('owner@example.com'))?.tenants).toEqual(['default', 'acme']);

    const overview = await dashboard.agent().get('/manage/t/acme?created=1').expect(200);
    expect(overview.text).toContain('<code>http://acme.localhost:3000</code>');
    expect(overview.text).toContain('<code id="callback-url">http://acme.localhost:3000/login/callback</code>');
  });

  it('offers every tenant the admin manages in the switcher, and switches to it', async () => {
    const page = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(page.text).toContain('<option value="acme">acme</option>');
    const switched = await dashboard.agent().get('/manage/switch?tenant=acme').expect(303);
    expect(switched.headers.location).toBe('/manage/t/acme');
  });

  it('opens at /manage on the tenant whose address the dashboard is at, though another comes first by name', async () => {
    // The admin manages "acme" (created above) and "default"; the agent uses the default tenant's host.
    const home = await dashboard.agent().get('/manage').expect(303);
    expect(home.headers.location).toBe('/manage/t/default');
  });

  it.each([
    ['Bad Name', 'must be 3-63 lower case letters'],
    ['www', 'is reserved'],
    ['acme', 'already exists'],
  ])('refuses the tenant name "%s" next to the field', async (name, problem) => {
    const refused = await submitForm(dashboard.agent(), '/manage/tenants', '/manage/tenants', { name });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.text).toMatch(new RegExp(`id="name-error">[^<]*${problem}`));
  });
});

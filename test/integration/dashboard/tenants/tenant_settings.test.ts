import { beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { DASHBOARD_SESSION_COOKIE, SESSION_IDLE_MS } from '../../../../src/http/session.js';
import { describeEachStore } from '../../../support/stores.js';
import { HOST, signedInAgent, submitForm, useDashboardOnStore, type Agent } from '../dashboard_harness.js';

const PAGE = '/manage/t/default/settings';

/**
 * The tenant's settings page: its "Login sessions" form sets the end users' session lifetimes in
 * minutes, under the Management API's rules (PATCH /api/v2/tenants/settings), stored in hours.
 */
describeEachStore("the dashboard's tenant settings", (stores) => {
  const harness = useDashboardOnStore(stores);
  let agent: Agent;
  beforeAll(async () => {
    agent = await signedInAgent(harness().app, await harness().seedAdmin('owner@example.com', ['default']));
  });
  const stored = async () => harness().store.tenants.getStored('default');
  const save = (inactivity: string, requireLogIn: string) => submitForm(agent, PAGE, PAGE, { inactivity_timeout: inactivity, require_log_in_after: requireLogIn });

  it("shows the lifetimes in minutes, Auth0's defaults for a tenant that never set them, in a form with the CSRF token", async () => {
    const page = await agent.get(PAGE).expect(200);
    expect(page.text).toContain('<h2 id="login-sessions">Login sessions</h2>');
    expect(page.text).toMatch(/<label for="inactivity_timeout">Inactivity timeout<\/label>\s*<input id="inactivity_timeout" name="inactivity_timeout" type="text" inputmode="decimal" required value="4320"/);
    expect(page.text).toMatch(/<label for="require_log_in_after">Require log in after<\/label>\s*<input id="require_log_in_after" name="require_log_in_after" type="text" inputmode="decimal" required value="10080"/);
    expect(page.text).toMatch(/<form method="post" action="\/manage\/t\/default\/settings">\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(page.text).toContain(`<a href="/manage/t/default/settings" aria-current="page">Settings</a>`);
  });

  it('saves minutes as hours, answers with a redirect and logs the change as the Management API call', async () => {
    const saved = await save('30', '90');
    expect(saved.status).toBe(303);
    expect(String(saved.headers.location)).toBe(`${PAGE}?saved=1`);
    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 0.5, sessionLifetimeHours: 1.5 });
    const page = await agent.get(`${PAGE}?saved=1`).expect(200);
    expect(page.text).toContain('Settings saved.');
    expect(page.text).toContain('value="30"');
    expect(page.text).toContain('value="90"');
    const [event] = (await harness().store.logs.list('default', { page: 0, perPage: 1, type: 'sapi' })).items;
    expect(event).toMatchObject({ description: 'Update tenant settings', details: { request: { method: 'PATCH', path: '/api/v2/tenants/settings' } } });
  });

  it("refuses what the API refuses, each problem next to its field in the page's words, and stores nothing", async () => {
    await save('30', '90');
    const before = await stored();
    const notNumbers = await save('an hour', '');
    expect(notNumbers.status).toBe(400);
    expect(notNumbers.text).toContain('<p class="field-error" id="inactivity_timeout-error">Inactivity timeout must be a number of minutes, such as 4320 for 3 days.</p>');
    expect(notNumbers.text).toContain('<p class="field-error" id="require_log_in_after-error">Require log in after must be a number of minutes, such as 4320 for 3 days.</p>');
    expect(notNumbers.text).toContain('value="an hour"');
    expect(notNumbers.text).toMatch(/id="inactivity_timeout"[^>]*aria-describedby="inactivity_timeout-hint inactivity_timeout-error" aria-invalid="true"/);

    const outOfRange = await save('0.5', '525601');
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.text).toContain('Inactivity timeout must be at least 1 minute.');
    expect(outOfRange.text).toContain('Require log in after must be at most 525600 minutes (365 days).');

    const longer = await save('120', '60');
    expect(longer.status).toBe(400);
    expect(longer.text).toContain('Inactivity timeout must not be longer than Require log in after: every login ends by then anyway.');
    expect(longer.text).toMatch(/<title>Error: /);

    expect(await stored()).toEqual(before);
  });

  it('refuses a POST without the CSRF token', async () => {
    await save('30', '90');
    const forged = await agent.post(PAGE).type('form').send({ inactivity_timeout: '1', require_log_in_after: '1' });
    expect(forged.status).toBe(403);
    expect(await stored()).toMatchObject({ idleSessionLifetimeHours: 0.5, sessionLifetimeHours: 1.5 });
  });

  it("leaves the admin's own dashboard session alone: it keeps its 8 hours", async () => {
    expect((await save('1', '1')).status).toBe(303);
    const page = await agent.get(PAGE).expect(200);
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${DASHBOARD_SESSION_COOKIE}=`));
    const expires = Date.parse(cookie?.match(/Expires=([^;]+)/)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(SESSION_IDLE_MS - 60_000);
  });

  it('is not shown to an admin of another tenant', async () => {
    const stranger = await signedInAgent(harness().app, await harness().seedAdmin('other@example.com', ['globex']));
    await stranger.get(PAGE).expect(404);
    await request(harness().app).get(PAGE).set('Host', HOST).expect(303);
  });
});

import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { recordLogEvent } from '../../../../src/domain/log_events.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The Overview and a connection's Activity tab draw login activity as SVG on the server, from the
 * logs, with the numbers in a table: no script, and the CSP unchanged.
 */
describe('login activity charts', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });

  async function seed(): Promise<void> {
    const { store } = dashboard.harness();
    const page = '/manage/t/default/social/fitbit';
    expect((await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: '', client_secret: '', scope: ['activity'] })).status).toBe(303);
    const login = { tenant: 'default', clientId: 'app', clientName: 'Step Counter' };
    await recordLogEvent(store, { ...login, type: 's', connection: 'fitbit', userId: 'fitbit|A' });
    await recordLogEvent(store, { ...login, type: 's', connection: 'fitbit', userId: 'fitbit|B' });
    await recordLogEvent(store, { ...login, type: 'f', connection: 'fitbit', details: { error: 'access_denied' } });
    await recordLogEvent(store, { ...login, type: 'f', connection: 'fitbit', details: { error: 'temporarily_unavailable' } });
    await recordLogEvent(store, { ...login, type: 's', connection: 'elsewhere', userId: 'other|C' });
    await recordLogEvent(store, { ...login, type: 'sertft', userId: 'fitbit|A', connection: 'fitbit' });
    await recordLogEvent(store, { tenant: 'default', type: 'fertft', connection: 'fitbit', userId: 'fitbit|B', details: { status: 'needs_reauthorization' } });
    // Not an end user's login: left out.
    await recordLogEvent(store, { tenant: 'default', type: 's', description: 'Dashboard sign-in', userName: 'owner@example.com' });
  }

  it('says in a sentence that there is nothing yet, rather than drawing an empty grid', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(text).toContain('<p class="chart-empty">No logins in the last 24 hours yet.</p>');
    expect(text).toContain('<p class="chart-empty">No token refreshes in the last 30 days yet.</p>');
    expect(text).not.toContain('role="img"');
  });

  it('draws the Overview\'s charts as SVG with a spoken summary and a table of the numbers', async () => {
    await seed();
    const response = await dashboard.agent().get('/manage/t/default').expect(200);
    const { text } = response;
    expect(text).toContain('role="img" aria-label="Logins in the last 24 hours: 3 successful logins, 1 failed logins, 1 upstream errors."');
    expect(text).toContain('aria-label="Token refreshes in the last 24 hours: 1 token refreshes, 1 users needing re-authorization."');
    expect(text).toContain('aria-label="Logins in the last 30 days: 3 successful logins, 1 failed logins, 1 upstream errors."');
    expect(text.match(/<rect class="bar-success"/g)?.length).toBe(2);
    // Each table's disclosure is named by its chart: four of them on the page, told apart.
    expect(text).toContain('<summary>Numbers behind: Logins in the last 24 hours</summary>');
    expect(text).toContain('<summary>Numbers behind: Token refreshes in the last 30 days</summary>');
    expect(text).toMatch(/<tr><th scope="row"><time datetime="[^"]+">\d\d:00<\/time><\/th><td>3<\/td><td>1<\/td><td>1<\/td><\/tr>/);
    expect(text).toContain('<tr><td><code>access_denied</code></td><td>1</td></tr>');
    expect(text).not.toMatch(/<script>|style="/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('draws only the connection\'s own events on its Activity tab', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/social/fitbit/activity').expect(200);
    expect(text).toContain('aria-label="Logins in the last 24 hours: 2 successful logins, 1 failed logins, 1 upstream errors."');
    expect(text).toContain('<a href="/manage/t/default/social/fitbit/activity" aria-current="page">Activity</a>');
  });
});

import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfTokenOf, HOST, signedInAgent, useSignedInDashboard } from './dashboard_harness.js';

/**
 * The small things people expect of the dashboard's pages: the password rules before the first
 * try, a "signed out" message, dates in words with the exact time kept, and a dashboard 404 with a
 * way back.
 */
describe('the dashboard pages\' everyday controls', () => {
  const dashboard = useSignedInDashboard();

  it('states the password rules next to the new password before anything is typed', async () => {
    const { text } = await dashboard.agent().get('/manage/account').expect(200);
    expect(text).toContain('<p class="hint" id="password-hint">At least 12 characters;');
    expect(text).toMatch(/<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" aria-describedby="password-hint">/);
  });

  it('says "signed out" on the sign-in page after signing out', async () => {
    const agent = await signedInAgent(dashboard.harness().app, dashboard.admin());
    const home = await agent.get('/manage/t/default').expect(200);
    const out = await agent.post('/manage/logout').type('form').send({ _csrf: csrfTokenOf(home.text) }).expect(303);
    expect(out.headers.location).toBe('/manage/login?signed_out=1');
    const { text } = await agent.get(String(out.headers.location)).expect(200);
    expect(text).toContain('You are signed out.');
    const plain = await request(dashboard.harness().app).get('/manage/login').set('Host', HOST).expect(200);
    expect(plain.text).not.toContain('You are signed out.');
  });

  it('shows log dates in words with the exact time in <time datetime> and its title', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/logs').expect(200);
    expect(text).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z" title="\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC">(just now|\d+ minutes? ago)<\/time>/);
  });

  it('keeps a signed-in admin in the dashboard on a page that does not exist, with a way back', async () => {
    const missing = await dashboard.agent().get('/manage/t/default/no-such-page').expect(404);
    expect(missing.text).toContain('<h1>Page not found</h1>');
    expect(missing.text).toContain('<a class="button" href="/manage/t/default">Back to the overview of default</a>');
    expect(missing.text).toContain('aria-label="Tenant default"');

    const gone = await dashboard.agent().get('/manage/t/default/applications/no-such-client').expect(404);
    expect(gone.text).toContain('Back to the overview of default');
    expect(gone.text).toContain('<a href="/manage/t/default/applications" aria-current="page">Applications</a>');
  });

  it('leaves a visitor without a session on the sign-in page rather than a dashboard 404', async () => {
    await request(dashboard.harness().app).get('/manage/t/default/no-such-page').set('Host', HOST).expect(303);
  });
});

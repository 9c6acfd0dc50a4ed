import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import request from 'supertest';
import { HOST, signedInAgent } from '../dashboard_harness.js';
import { settingsFingerprint } from '../../../../src/dashboard/try/tried_settings.js';
import { configureFitbit, followUpstream, runTry, startTry, useTrySetup } from '../try_helpers.js';

/** TRY through a configured connection, against the emulator as the upstream (FITGATE_UPSTREAM_BASE_URL). */
describe('TRY with real credentials', () => {
  const setup = useTrySetup();

  it('sends the browser to the upstream with the tenant callback URL and ends on "It works!" with the profile, scopes and redacted steps', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const page = await runTry(setup.agent(), (url) => {
      expect(url.startsWith(`${setup.emulator().url}/accounts.google.com/`)).toBe(true);
      expect(new URL(url).searchParams.get('redirect_uri')).toBe('http://localhost:3000/login/callback');
      return followUpstream(approveUrl(url, { user: 'alice' }));
    });

    expect(page).toContain('It works!');
    expect(page).toContain('alice-4f1c2b7e');
    expect(page).toContain('Alice Runner');
    // Two permissions ticked; Google grants the whole area of "activity", so cardio_fitness comes too.
    expect(page).toContain('Google grants by area');
    expect(page).toContain(
      '<dt>Activity and fitness</dt>\n  <dd><ul class="chips"><li><code>activity</code> <span class="tag">ticked</span></li><li><code>cardio_fitness</code></li></ul></dd>',
    );
    expect(page).toContain('<dt>Profile</dt>\n  <dd><ul class="chips"><li><code>profile</code> <span class="tag">ticked</span></li></ul></dd>');
    expect(page).toContain('Raw upstream profile');
    expect(page).toMatch(/<td><code>code<\/code><\/td><td><code>\[redacted\]<\/code>/);
    expect(page).toContain('&quot;access_token&quot;: &quot;[redacted]&quot;');
    expect(page).not.toContain(DEMO.googleServer.clientSecret);
  });

  it('records a successful TRY in the logs as a login marked "try", with no user id', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    const { items } = await setup.harness().store.logs.list('default', { type: 's', page: 0, perPage: 10 });
    const tried = items.find((event) => event.details?.try === true);
    expect(tried).toMatchObject({ connection: 'fitbit', userName: 'Alice Runner' });
    expect(tried?.userId).toBeUndefined();
    // The settings it tried, for the Overview's checklist: never the secret itself.
    const { options } = (await setup.harness().store.connections.getByName('default', 'fitbit'))!;
    expect(tried?.details).toMatchObject({ try: true, api: 'google-health', settings: settingsFingerprint(options) });
    expect(JSON.stringify(tried)).not.toContain(DEMO.googleServer.clientSecret);
  });

  it('creates no user and stores no token', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'bob' })));
    expect(await setup.harness().store.users.count('default')).toBe(0);
  });

  it('works while the connection is enabled for no application', async () => {
    await configureFitbit(setup.harness(), { api: 'fitbit-legacy', ...DEMO.legacyServer });
    expect((await setup.harness().store.connections.getByName('default', 'fitbit'))?.enabledClients).toEqual([]);
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    expect(page).toContain('It works!');
    expect(page).toContain('GGNJL9');
  });

  it('shows the result only to the admin who pressed Try', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const back = await followUpstream(approveUrl(await startTry(setup.agent()), { user: 'alice' }));
    const finished = await setup.agent().get(`/manage/try/callback${back.search}`).expect(303);
    const resultPath = new URL(String(finished.headers.location)).pathname;

    const other = await signedInAgent(setup.harness().app, await setup.harness().seedAdmin('other@example.com', ['default']));
    await other.get(resultPath).expect(404);
    await setup.agent().get(resultPath).expect(200);
  });

  it('finishes a TRY of another tenant on that tenant\'s host and shows the result where the admin works', async () => {
    const harness = setup.harness();
    const admin = await signedInAgent(harness.app, await harness.seedAdmin('multi@example.com', ['default', 'acme']));
    setup.emulator().control.addRedirectUri(DEMO.googleServer.clientId, 'http://acme.localhost:3000/login/callback');
    await configureFitbit(harness, { tenant: 'acme', api: 'google-health', ...DEMO.googleServer, scope: ['profile'] });

    const authorizeUrl = await startTry(admin, 'acme');
    expect(new URL(authorizeUrl).searchParams.get('redirect_uri')).toBe('http://acme.localhost:3000/login/callback');
    const back = await followUpstream(approveUrl(authorizeUrl, { user: 'alice' }));
    expect(back.host).toBe('acme.localhost:3000');

    // The browser has no session on the tenant's host: the callback needs none.
    const browserAtAcme = request.agent(harness.app).host('acme.localhost:3000');
    const handedOver = await browserAtAcme.get(`${back.pathname}${back.search}`).expect(303);
    const finished = await browserAtAcme.get(String(handedOver.headers.location)).expect(303);
    const result = new URL(String(finished.headers.location));
    expect(result.host).toBe(HOST);
    expect((await admin.get(result.pathname).expect(200)).text).toContain('It works!');
  });
});

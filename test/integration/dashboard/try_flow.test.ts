import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO } from '../../support/emulator.js';
import { signedInAgent } from './dashboard_harness.js';
import { configureFitbit, followUpstream, runTry, useTrySetup } from './try_helpers.js';

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
    expect(page).toContain('activity, cardio_fitness, profile');
    expect(page).toContain('Raw upstream profile');
    expect(page).toMatch(/<td><code>code<\/code><\/td><td><code>\[redacted\]<\/code>/);
    expect(page).toContain('&quot;access_token&quot;: &quot;[redacted]&quot;');
    expect(page).not.toContain(DEMO.googleServer.clientSecret);
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
    const started = await setup.agent().get('/manage/t/default/social/fitbit/try').expect(302);
    const back = await followUpstream(approveUrl(String(started.headers.location), { user: 'alice' }));
    const finished = await setup.agent().get(`/manage/try/callback${back.search}`).expect(303);
    const resultPath = new URL(String(finished.headers.location)).pathname;

    const other = await signedInAgent(setup.harness().app, await setup.harness().seedAdmin('other@example.com', ['default']));
    await other.get(resultPath).expect(404);
    await setup.agent().get(resultPath).expect(200);
  });
});

import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO, denyUrl } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry, useTrySetup } from '../try_helpers.js';

/** Each way a TRY fails ends on a page saying what the upstream said, what it means and the fix. */
describe('TRY failures', () => {
  const setup = useTrySetup();

  it('explains a wrong client secret and never shows the secret typed', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: DEMO.googleServer.clientId, clientSecret: 'not-the-secret' });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    expect(page).toContain('Try failed');
    expect(page).toContain('invalid_client');
    expect(page).toContain('at the token step');
    expect(page).toContain('Client Secret was refused');
    expect(page).toContain('paste it into Client Secret');
    expect(page).toContain('None to show: the Try stopped before the login was complete');
    expect(page).not.toContain('not-the-secret');
  });

  it.each([
    ['google-health', 'nobody.apps.googleusercontent.com', 'The OAuth client was not found'],
    ['fitbit-legacy', '23NOBODY', 'Invalid client_id'],
  ] as const)('explains an unknown %s Client ID where it was refused, at authorize, not as a wrong secret', async (api, clientId, upstreamWords) => {
    await configureFitbit(setup.harness(), { api, clientId, clientSecret: 'some-secret-never-tried' });
    const page = await pressTryToFailure(setup.agent());
    expect(page.text).toContain('Try failed');
    expect(page.text).toContain(upstreamWords);
    expect(page.text).toContain('does not know this Client ID');
    expect(page.text).toContain('Paste it into Client ID');
    expect(page.text).not.toContain('Client Secret was refused');
    expect(page.text).not.toContain('paste it into Client Secret');
  });

  it('says the user declined when consent is denied', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const page = await runTry(setup.agent(), (url) => followUpstream(denyUrl(url, 'alice')));
    expect(page).toContain('access_denied');
    expect(page).toContain('The user declined');
  });

  it('tells the admin to tick a permission that identifies the user when all were left unticked', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    // carol has granted nothing before: Google's include_granted_scopes would add earlier grants.
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'carol', scopes: ['openid', 'email', 'profile'] })));
    expect(page).toContain('Try failed');
    expect(page).toContain('Permissions were left unticked');
  });

  it('names the callback URL to register when the upstream does not know it', async () => {
    setup.emulator().control.registerApp({
      clientId: 'elsewhere.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-elsewhere-secret-0123456789',
      type: 'server',
      api: 'google-health',
      redirectUris: ['https://elsewhere.example/login/callback'],
      name: 'registered for another site',
    });
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'elsewhere.apps.googleusercontent.com', clientSecret: 'GOCSPX-elsewhere-secret-0123456789' });
    const page = await pressTryToFailure(setup.agent());
    expect(page.text).toContain('redirect_uri_mismatch');
    expect(page.text).toContain('add exactly http://localhost:3000/login/callback under &quot;Authorised redirect URIs&quot;');
    expect(page.text).toContain('Google Auth Platform → Clients → your OAuth client');
  });

  it('tells the admin to switch to Google Health when the legacy endpoints are gone', async () => {
    setup.emulator().control.setLegacyShutdown(true);
    try {
      await configureFitbit(setup.harness(), { api: 'fitbit-legacy', ...DEMO.legacyServer });
      const page = await pressTryToFailure(setup.agent());
      expect(page.text).toContain('HTTP 410 Gone');
      expect(page.text).toContain('Switch this connection&#39;s API to &quot;Google Health API&quot;');
    } finally {
      setup.emulator().control.setLegacyShutdown(false);
    }
  });

  it('tells the admin to enable the Google Health API in their project when Google answers SERVICE_DISABLED, not to tick permissions', async () => {
    const { control } = setup.emulator();
    const app = control.apps().find((candidate) => candidate.clientId === DEMO.googleServer.clientId)!;
    control.registerApp({ ...app, healthApiEnabled: false });
    try {
      await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
      const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
      expect(page).toContain('Try failed');
      expect(page).toContain('PERMISSION_DENIED');
      expect(page).toContain('Google Health API has not been used in project 1234567890');
      expect(page).toContain('not enabled in the Google Cloud project that owns this OAuth client');
      expect(page).toContain('enable the Google Health API');
      expect(page).not.toContain('Permissions were left unticked');
    } finally {
      control.registerApp(app);
    }
  });

  it('puts an account Google Health will not serve on the account, not on the connection', async () => {
    const { control } = setup.emulator();
    const bob = control.users().find((user) => user.login === 'bob')!;
    control.addUser({ ...bob, googleHealth: 'not-linked' });
    try {
      await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
      const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'bob' })));
      expect(page).toContain('Try failed');
      expect(page).toContain('FAILED_PRECONDITION');
      expect(page).toContain('The account is not linked to Google Health.');
      expect(page).toContain('The connection is not at fault');
      expect(page).not.toContain('Permissions were left unticked');
    } finally {
      control.addUser(bob);
    }
  });

  it('refuses a callback whose state belongs to no TRY in progress', async () => {
    const response = await setup.agent().get('/manage/try/callback?code=abc&state=' + 'x'.repeat(43)).expect(400);
    expect(response.text).toContain('already used or took longer than 10 minutes');
  });
});

import { describe, expect, it } from '@jest/globals';
import { approveUrl, DEMO, denyUrl } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry, useTrySetup } from '../try_helpers.js';

/**
 * A failed TRY whose fix is made in the connection's settings links to the place on the settings
 * page where it is made (an anchor the page has); a fix made elsewhere (the consent page) has no link.
 */
const SETTINGS = '/manage/t/default/social/fitbit';

/** The links on a failure page that lead into the connection's settings at one of its places. */
const settingsAnchorsOf = (html: string) => [...html.matchAll(new RegExp(`href="${SETTINGS}#([^"]+)"`, 'g'))].map((match) => match[1]);

describe('a failed TRY links to the setting its fix is made in', () => {
  const setup = useTrySetup();

  async function expectAnchorOnSettingsPage(anchor: string) {
    const { text } = await setup.agent().get(SETTINGS).expect(200);
    expect(text).toContain(`id="${anchor}"`);
  }

  it('links a refused Client Secret to the Client Secret field', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: DEMO.googleServer.clientId, clientSecret: 'not-the-secret' });
    const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    expect(page).toContain('Client Secret was refused');
    expect(settingsAnchorsOf(page)).toEqual(['client_secret']);
    expect(page).toContain(`<a href="${SETTINGS}#client_secret">Go to the Client Secret in the connection&#39;s settings</a>`);
    await expectAnchorOnSettingsPage('client_secret');
  });

  it('links a Client ID the upstream does not know to the Client ID field', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'nobody.apps.googleusercontent.com', clientSecret: 'some-secret-never-tried' });
    const page = await pressTryToFailure(setup.agent());
    expect(page.text).toContain('does not know this Client ID');
    expect(settingsAnchorsOf(page.text)).toEqual(['client_id']);
    await expectAnchorOnSettingsPage('client_id');
  });

  it('links an unregistered callback URL to the callback URL the settings page shows', async () => {
    setup.emulator().control.registerApp({
      clientId: 'linkless.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-linkless-secret-0123456789',
      type: 'server',
      api: 'google-health',
      redirectUris: ['https://elsewhere.example/login/callback'],
      name: 'registered for another site',
    });
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'linkless.apps.googleusercontent.com', clientSecret: 'GOCSPX-linkless-secret-0123456789' });
    const page = await pressTryToFailure(setup.agent());
    expect(page.text).toContain('redirect_uri_mismatch');
    expect(settingsAnchorsOf(page.text)).toEqual(['callback-url']);
    await expectAnchorOnSettingsPage('callback-url');
  });

  it('links an upstream API not enabled for the client to the setup steps of the API tried', async () => {
    const { control } = setup.emulator();
    const app = control.apps().find((candidate) => candidate.clientId === DEMO.googleServer.clientId)!;
    control.registerApp({ ...app, healthApiEnabled: false });
    try {
      await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
      const page = await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
      expect(page).toContain('enable the Google Health API');
      expect(settingsAnchorsOf(page)).toEqual(['steps-google-health']);
      expect(page).toContain('Go to the setup steps for the Google Health API in the connection&#39;s settings');
      await expectAnchorOnSettingsPage('steps-google-health');
    } finally {
      control.registerApp(app);
    }
  });

  it('links gone legacy endpoints to the choice of API', async () => {
    setup.emulator().control.setLegacyShutdown(true);
    try {
      await configureFitbit(setup.harness(), { api: 'fitbit-legacy', ...DEMO.legacyServer });
      const page = await pressTryToFailure(setup.agent());
      expect(page.text).toContain('HTTP 410 Gone');
      expect(settingsAnchorsOf(page.text)).toEqual(['api-choice']);
      await expectAnchorOnSettingsPage('api-choice');
    } finally {
      setup.emulator().control.setLegacyShutdown(false);
    }
  });

  it('links nowhere in the settings when the fix is not made there (the user declined consent)', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const page = await runTry(setup.agent(), (url) => followUpstream(denyUrl(url, 'alice')));
    expect(page).toContain('The user declined');
    expect(settingsAnchorsOf(page)).toEqual([]);
    expect(page).not.toContain('in the connection&#39;s settings</a>');
    // The way back to the settings is still there, as on every result.
    expect(page).toContain(`<a href="${SETTINGS}">Back to the connection's settings</a>`);
  });
});

import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import type { GoogleHealthAccount, RegisteredApp, TestUser } from '../../../../../src/emulator/index.js';
import { DEMO } from '../../../../support/emulator.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

// Google signs the user in and issues tokens, then the Google Health API refuses users/me/identity
// (https://developers.google.com/health/troubleshooting): for the account (the user's to fix) or
// for the project (the administrator's). The application is told which, in words it can act on,
// and nothing of the login is stored.

const emulator = useEmulator();

describeEachStore('a login whose identity call Google Health refuses', (harness) => {
  let fitgate: FrontChannel;
  let bob: TestUser;
  let webApp: RegisteredApp;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api: 'google-health' });
    bob = emulator().control.users().find((user) => user.login === 'bob')!;
    webApp = emulator().control.apps().find((app) => app.clientId === DEMO.googleServer.clientId)!;
  });
  // The emulator serves the whole file (and the other store's run): put bob and the app back.
  afterEach(() => {
    emulator().control.addUser(bob);
    emulator().control.registerApp({ ...webApp, redirectUris: currentRedirectUris() });
    emulator().control.setAutoConsent(undefined);
  });
  afterAll(() => fitgate.close());

  /** The app's redirect URIs now: each store's fitgate registered its tenant's callback. */
  const currentRedirectUris = () => emulator().control.apps().find((app) => app.clientId === webApp.clientId)!.redirectUris;

  /** Bob logs in through Google and consents; where the browser lands at the application. */
  async function bobLogsIn(): Promise<URLSearchParams> {
    emulator().control.setAutoConsent({ user: 'bob', decision: 'approve' });
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }), CLIENT_CALLBACK);
    expect(arrivedAt).toBeDefined();
    return arrivedAt!.searchParams;
  }

  async function expectNothingStored(): Promise<void> {
    const { items } = await fitgate.store.users.list(fitgate.tenant, { page: 0, perPage: 10 });
    expect(items).toEqual([]);
  }

  it.each([
    ['not-linked', /no Fitbit data in Google Health yet.*Open the Fitbit app, sign in with this Google Account and finish the setup/],
    ['legacy-fitbit-consent', /legacy Fitbit account, not a Google Account.*sign back in with Continue with Google/],
  ] as const)('answers a %s account access_denied telling the user what to do, and stores nothing', async (googleHealth: GoogleHealthAccount, remedy) => {
    emulator().control.addUser({ ...bob, googleHealth });

    const answer = await bobLogsIn();

    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('error_description')).toMatch(/^Google signed the user in, but will not let this account be used here\. /);
    expect(answer.get('error_description')).toMatch(remedy);
    expect(answer.get('state')).toBe('client-st');
    expect(answer.get('code')).toBeNull();
    await expectNothingStored();
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'f' });
    expect(items[0]).toMatchObject({ type: 'f', connection: 'fitbit', details: { error: 'access_denied' } });
  });

  it('answers server_error telling an administrator to enable the API when the client\'s project has not, and stores nothing', async () => {
    emulator().control.registerApp({ ...webApp, redirectUris: currentRedirectUris(), healthApiEnabled: false });

    const answer = await bobLogsIn();

    expect(answer.get('error')).toBe('server_error');
    expect(answer.get('error_description')).toBe(
      "Google refused the login: the API this connection uses is not enabled for the connection's client; an administrator must enable it in Google's console.",
    );
    expect(answer.get('state')).toBe('client-st');
    await expectNothingStored();
  });
});

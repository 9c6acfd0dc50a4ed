import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import type { Browser } from '../../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

const INITIATE_LOGIN_URI = 'https://app.example/start?from=fitgate';
/** Where the page's "Return to" link leads; undefined when it has none. */
const returnLink = (html: string) => /<a [^>]*href="([^"]*)"[^>]*>Return to /.exec(html)?.[1]?.replaceAll('&amp;', '&');

/**
 * The "already finished" page's way back to the application is the application's own, as registered
 * when the login finished: its initiate_login_uri, else its callback's origin. Nothing the replayed
 * request carries can choose it, or the page would be a redirector for anyone's link.
 */
describeEachStore('the way back from a finished login', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    // Users who never consented to the Google client, in each suite alike (the emulator outlives one):
    // the refresh token comes with the one round these tests step through, as at a first consent.
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  async function setInitiateLoginUri(value: string | undefined): Promise<void> {
    const stored = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    const { initiateLoginUri: _previous, ...rest } = stored!;
    await fitgate.store.clients.update(value === undefined ? rest : { ...rest, initiateLoginUri: value });
  }
  afterEach(() => setInitiateLoginUri(undefined));

  /** Logs `browser` in through the upstream; returns the callback URL it finished at. */
  async function loggedIn(browser: Browser): Promise<URL> {
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    const back = await browser.get(toUpstream.location!);
    const toClient = await browser.get(back.location!);
    expect(toClient.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    return back.location!;
  }

  it("returns to the application's initiate_login_uri when it has one", async () => {
    await setInitiateLoginUri(INITIATE_LOGIN_URI);
    const browser = fitgate.browser();
    const callback = await loggedIn(browser);

    const replay = await browser.get(callback);
    expect(replay.text).toContain('>Return to Acme Web</a>');
    expect(returnLink(replay.text)).toBe(INITIATE_LOGIN_URI);
  });

  it('takes nothing of the link from the replayed request', async () => {
    const browser = fitgate.browser();
    const callback = await loggedIn(browser);
    for (const [name, value] of Object.entries({
      redirect_uri: 'https://evil.example/callback',
      returnTo: 'https://evil.example/',
      return_to: 'https://evil.example/',
      initiate_login_uri: 'https://evil.example/',
      client_id: 'evil',
    })) {
      callback.searchParams.set(name, value);
    }

    const replay = await browser.get(callback);
    expect(replay.text).toContain('This login already finished');
    expect(returnLink(replay.text)).toBe('https://app.example');
    expect(replay.text).not.toContain('evil');
  });
});

import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { SESSION_COOKIE } from '../../../../../src/http/session.js';
import { describeEachStore } from '../../../../support/stores.js';
import type { Browser } from '../../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { readStoredSession, sessionIdOfCookie } from '../../../../support/authn/stored_session.js';

const emulator = useEmulator('alice');

const exchanges = (): number => emulator().control.counters()['google-health'].codeExchanges;
/** Where the page's "Return to" link leads; undefined when it has none. */
const returnLink = (html: string) => /<a [^>]*href="([^"]*)"[^>]*>Return to /.exec(html)?.[1]?.replaceAll('&amp;', '&');

/**
 * The callback of a login that went through, come again in the same browser (the back button, a
 * reload from history), is told it finished, with a way back to the application; anything else
 * that names no login in flight keeps the page of a login that could not be finished.
 */
describeEachStore('/login/callback of a login this browser finished', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    // Users who never consented to the Google client, in each suite alike (the emulator outlives one):
    // the refresh token comes with the one round these tests step through, as at a first consent.
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  let before: number;
  beforeEach(() => {
    before = exchanges();
  });

  /** Logs `browser` in through the upstream; returns the callback URL it finished at and the code the client got. */
  async function loggedIn(browser: Browser): Promise<{ callback: URL; code: string }> {
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    const back = await browser.get(toUpstream.location!);
    expect(back.location?.pathname).toBe('/login/callback');
    const toClient = await browser.get(back.location!);
    expect(toClient.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    return { callback: back.location!, code: toClient.location!.searchParams.get('code')! };
  }

  it('answers the same browser that the login already finished, with a link back to the application, and exchanges no code again', async () => {
    const browser = fitgate.browser();
    const { callback, code } = await loggedIn(browser);
    const after = exchanges();

    const replay = await browser.get(callback);
    expect(replay.status).toBe(400);
    expect(replay.location).toBeUndefined();
    expect(replay.text).toContain('This login already finished');
    expect(replay.text).toContain('You signed in to Acme Web with it a moment ago.');
    expect(replay.text).toContain('>Return to Acme Web</a>');
    expect(returnLink(replay.text)).toBe('https://app.example');
    expect(replay.text).not.toContain('could not be finished');
    expect(replay.text).not.toContain(code);
    expect(exchanges()).toBe(after);
  });

  it('keeps the page of a login that could not be finished for another browser, even one signed in itself', async () => {
    const { callback } = await loggedIn(fitgate.browser());
    const other = fitgate.browser();
    await loggedIn(other);
    const after = exchanges();

    const replay = await other.get(callback);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This login could not be finished');
    expect(returnLink(replay.text)).toBeUndefined();
    expect(exchanges()).toBe(after);
  });

  it('keeps that page for a state this browser never finished a login with', async () => {
    const browser = fitgate.browser();
    const { callback } = await loggedIn(browser);
    callback.searchParams.set('state', 'C'.repeat(43));

    const response = await browser.get(callback);
    expect(response.status).toBe(400);
    expect(response.text).toContain('This login could not be finished');
    expect(exchanges()).toBe(before + 1);
  });

  it('keeps that page once the finished login is more than ten minutes old', async () => {
    const browser = fitgate.browser();
    const { callback } = await loggedIn(browser);
    // What ten minutes do to the entry: its time is that far back (the session itself lives on).
    const id = sessionIdOfCookie(browser.cookie(new URL(fitgate.tenantUrl).host, SESSION_COOKIE)!);
    const stored = await readStoredSession(fitgate.store, id);
    const [finished] = stored?.finishedLogins ?? [];
    expect(finished).toBeDefined();
    const aged = { ...stored!, finishedLogins: [{ ...finished!, finishedAt: finished!.finishedAt - 10 * 60 * 1000 }] };
    await new Promise<void>((resolve, reject) => fitgate.store.sessionStore().set(id, aged, (error) => (error ? reject(error) : resolve())));

    const replay = await browser.get(callback);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This login could not be finished');
    expect(returnLink(replay.text)).toBeUndefined();
  });

  it('stores neither the state nor the code in the session', async () => {
    const browser = fitgate.browser();
    const { callback, code } = await loggedIn(browser);
    const id = sessionIdOfCookie(browser.cookie(new URL(fitgate.tenantUrl).host, SESSION_COOKIE)!);
    const stored = JSON.stringify(await readStoredSession(fitgate.store, id));
    expect(stored).toContain('finishedLogins');
    expect(stored).not.toContain(callback.searchParams.get('state')!);
    expect(stored).not.toContain(code);
  });
});

import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { SESSION_COOKIE } from '../../../../src/http/session.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/** The session id inside express-session's signed cookie value "s:<id>.<signature>". */
function sessionId(cookie: string | undefined): string | undefined {
  return cookie === undefined ? undefined : /^s%3A([^.]+)\./.exec(cookie)?.[1];
}

describeEachStore('session at login', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    // Users who never consented to the Google client, in each suite alike (the emulator outlives one):
    // the refresh token comes with the one round these tests step through, as at a first consent.
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());
  const host = () => new URL(fitgate.tenantUrl).host;

  it('opens no session before the login completes, and a new session id at each login (no session fixation)', async () => {
    const browser = fitgate.browser();
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit' }));
    expect(browser.cookie(host(), SESSION_COOKIE)).toBeUndefined();
    const callback = await browser.get(toUpstream.location!);
    const toClient = await browser.get(callback.location!);
    expect(toClient.location?.searchParams.get('code')).toBeTruthy();
    const first = sessionId(browser.cookie(host(), SESSION_COOKIE));
    expect(first).toBeDefined();

    // A session the browser already holds (its own, or one planted in it) is never kept by a login.
    const again = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', prompt: 'login' }), CLIENT_CALLBACK);
    expect(again.arrivedAt?.searchParams.get('code')).toBeTruthy();
    const second = sessionId(browser.cookie(host(), SESSION_COOKIE));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("deletes no session at a first visit's login: its id was made for it, so there is none to replace", async () => {
    const destroy = jest.spyOn(fitgate.store.sessionStore(), 'destroy');
    try {
      const signedIn = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
      expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
      expect(destroy).not.toHaveBeenCalled();
    } finally {
      destroy.mockRestore();
    }
  });

  it('answers prompt=none from the signed-in session with a code, without going upstream', async () => {
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const upstreamCalls = emulator().control.counters()['google-health'].authorizeRequests;

    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none', state: 'silent' }));
    expect(silent.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(silent.location?.searchParams.get('code')).toBeTruthy();
    expect(silent.location?.searchParams.get('state')).toBe('silent');
    expect(emulator().control.counters()['google-health'].authorizeRequests).toBe(upstreamCalls);
  });

  it('keeps nothing in the signed-in session but who signed in, the login session id (sid) and the login it finished: a client without a back-channel logout URL is not remembered', async () => {
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const id = sessionId(browser.cookie(host(), SESSION_COOKIE))!;
    const stored = await new Promise<Record<string, unknown> | null | undefined>((resolve, reject) =>
      fitgate.store.sessionStore().get(id, (error, session) => (error ? reject(error) : resolve(session as Record<string, unknown> | null))),
    );
    const { cookie: _cookie, ...content } = stored ?? {};
    expect(content).toEqual({
      endUser: { tenant: fitgate.tenant, userId: 'fitbit|alice-4f1c2b7e', connection: 'fitbit', authTime: expect.any(Number), sid: expect.any(String) },
      // For its callback come again (the back button): the state hashed, and the application's own settings.
      finishedLogins: [{ state: expect.any(String), tenant: fitgate.tenant, clientName: 'Acme Web', returnTo: 'https://app.example', finishedAt: expect.any(Number) }],
    });
    // The sid goes to every application in id_tokens: never the cookie's id, which is a credential.
    expect((content as { endUser: { sid: string } }).endUser.sid).not.toBe(id);
  });
});

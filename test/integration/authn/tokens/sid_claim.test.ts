import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { Browser } from '../../../support/authn/browser.js';
import { putStoredSession, readStoredSession } from '../../../support/authn/stored_session.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * The `sid` claim, as Auth0 issues it: the id of the browser's login session, the same in every
 * id_token that session yields (a new login, single sign-on, prompt=none, a refresh) and another for
 * another browser's login, even of the same user.
 */
describeEachStore('id_token sid', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** POST /oauth/token as the web client (client_secret_basic). */
  const token = (params: Record<string, string>) =>
    request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send(params);

  /** The code the browser brings back from `url`, exchanged: the token response's body. */
  async function tokensFrom(browser: Browser, url: string): Promise<{ id_token: string; refresh_token?: string }> {
    const { arrivedAt } = await browser.follow(url, CLIENT_CALLBACK);
    const code = arrivedAt?.searchParams.get('code');
    if (!code) throw new Error(`no code came back: ${arrivedAt?.href ?? 'a page'}`);
    const answer = await token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    expect(answer.status).toBe(200);
    return answer.body as { id_token: string; refresh_token?: string };
  }

  const sidOf = (idToken: string) => decodeJwt(idToken).sid;

  it('is the same for a login and the single sign-on and prompt=none answers of the same browser', async () => {
    const browser = fitgate.browser();
    const first = sidOf((await tokensFrom(browser, fitgate.authorizeUrl({ connection: 'fitbit' }))).id_token);
    expect(first).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/));

    const again = sidOf((await tokensFrom(browser, fitgate.authorizeUrl())).id_token);
    const silent = sidOf((await tokensFrom(browser, fitgate.authorizeUrl({ prompt: 'none' }))).id_token);
    expect(again).toBe(first);
    expect(silent).toBe(first);
  });

  it('differs between two browsers in which the same user logs in, and is not the session cookie', async () => {
    const one = fitgate.browser();
    const other = fitgate.browser();
    const first = sidOf((await tokensFrom(one, fitgate.authorizeUrl({ connection: 'fitbit' }))).id_token);
    const second = sidOf((await tokensFrom(other, fitgate.authorizeUrl({ connection: 'fitbit' }))).id_token);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const cookie = decodeURIComponent(one.cookie(new URL(fitgate.tenantUrl).host, 'fitgate.sid') ?? '');
    expect(cookie).not.toBe('');
    expect(cookie).not.toContain(String(first));
  });

  it('is kept in the id_tokens a refresh issues, through rotation', async () => {
    const browser = fitgate.browser();
    const issued = await tokensFrom(browser, fitgate.authorizeUrl({ connection: 'fitbit' }));
    const sid = sidOf(issued.id_token);
    expect(sid).toBeDefined();

    let refreshToken = issued.refresh_token;
    for (let use = 0; use < 2; use += 1) {
      if (!refreshToken) throw new Error('no refresh token: offline_access is in the fixture scope');
      const refreshed = await token({ grant_type: 'refresh_token', refresh_token: refreshToken });
      expect(refreshed.status).toBe(200);
      expect(sidOf(refreshed.body.id_token as string)).toBe(sid);
      refreshToken = (refreshed.body.refresh_token as string | undefined) ?? refreshToken;
    }
  });

  it('is given once to a session signed in before sids existed, and kept for its later answers', async () => {
    // The user exists once somebody has logged in as alice.
    const first = await tokensFrom(fitgate.browser(), fitgate.authorizeUrl({ connection: 'fitbit' }));
    const userId = decodeJwt(first.id_token).sub ?? '';
    const host = new URL(fitgate.tenantUrl).host;
    const sessionId = `pre-sid-${Date.now()}`;
    // Signed in a minute ago, as the user's first login was (a sign-in older than its user is a deleted user's).
    const user = await fitgate.store.users.get(fitgate.tenant, userId);
    await fitgate.store.users.update({ ...user!, createdAt: new Date(Date.now() - 120_000).toISOString() });
    const endUser = { tenant: fitgate.tenant, userId, connection: 'fitbit', authTime: Math.floor(Date.now() / 1000) - 60 };
    const header = await putStoredSession(fitgate.store, sessionId, fitgate.deps.config.sessionSecrets[0] ?? '', { endUser });
    const cookie = header.slice(header.indexOf('=') + 1);
    const browser = new Browser(fitgate.url, new Set([host]), new Map([[host, new Map([['fitgate.sid', cookie]])]]));

    const once = sidOf((await tokensFrom(browser, fitgate.authorizeUrl({ prompt: 'none' }))).id_token);
    const twice = sidOf((await tokensFrom(browser, fitgate.authorizeUrl({ prompt: 'none' }))).id_token);
    expect(once).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{22,}$/));
    expect(twice).toBe(once);
    expect((await readStoredSession(fitgate.store, sessionId))?.endUser?.sid).toBe(once);
  });

  it('is in the id_token sent beside the code (hybrid flow), the same as the code exchange gives', async () => {
    const browser = fitgate.browser();
    const { arrivedAt } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', response_type: 'code id_token' }), CLIENT_CALLBACK);
    const fragment = new URLSearchParams(arrivedAt?.hash.slice(1) ?? '');
    const frontChannel = fragment.get('id_token');
    const code = fragment.get('code');
    if (!frontChannel || !code) throw new Error(`the hybrid answer lacks its id_token or code: ${arrivedAt?.href ?? 'a page'}`);
    const exchanged = await token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });
    expect(exchanged.status).toBe(200);
    expect(sidOf(frontChannel)).toBeDefined();
    expect(sidOf(exchanged.body.id_token as string)).toBe(sidOf(frontChannel));
  });
});

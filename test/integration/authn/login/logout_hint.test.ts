import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import type { Browser } from '../../../support/authn/browser.js';
import { useEmulator, useFrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, setAllowedLogoutUrls } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');
const RETURN_TO = 'https://app.example/signed-out';

/**
 * RP-Initiated Logout's logout_hint, read as a login session's id (the id_token's `sid`): the
 * browser's session ends when the hint names it, or when no hint is sent; a hint naming another
 * session leaves the browser's sign-in alone and says so on a page (never a silent redirect).
 */
describeEachStore('logout_hint', (harness) => {
  const fitgate = useFrontChannel(harness, emulator, (started) => setAllowedLogoutUrls(started, [RETURN_TO]));

  /** A browser signed in at the tenant, and the sid of its id_token. */
  async function signedIn(): Promise<{ browser: Browser; sid: string }> {
    const browser = fitgate().browser();
    const { sid } = await loginAtWebClient(fitgate(), browser);
    return { browser, sid };
  }

  const logoutUrl = (params: Record<string, string>) => {
    const url = new URL('/oidc/logout', fitgate().tenantUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  };

  /** Whether prompt=none is still answered from the browser's session. */
  async function stillSignedIn(browser: Browser): Promise<boolean> {
    const silent = await browser.get(fitgate().authorizeUrl({ prompt: 'none' }));
    if (silent.location?.searchParams.get('code')) return true;
    expect(silent.location?.searchParams.get('error')).toBe('login_required');
    return false;
  }

  const sloEvents = async () =>
    (await fitgate().store.logs.list(fitgate().tenant, { page: 0, perPage: 100, type: 'slo' })).items.length;

  it('ends the browser session when the hint is its sid', async () => {
    const { browser, sid } = await signedIn();
    const before = await sloEvents();
    const answer = await browser.get(logoutUrl({ client_id: fitgate().webClient.clientId, logout_hint: sid, post_logout_redirect_uri: RETURN_TO, state: 's1' }));
    expect(answer.location?.href).toBe(`${RETURN_TO}?state=s1`);
    expect(await stillSignedIn(browser)).toBe(false);
    expect(await sloEvents()).toBe(before + 1);
  });

  it('keeps the browser session when the hint names another session, and says so instead of sending the browser back', async () => {
    const { browser } = await signedIn();
    const { sid: elsewhere } = await signedIn();
    const before = await sloEvents();
    const answer = await browser.get(logoutUrl({ client_id: fitgate().webClient.clientId, logout_hint: elsewhere, post_logout_redirect_uri: RETURN_TO, state: 's2' }));
    expect(answer.status).toBe(200);
    expect(answer.location).toBeUndefined();
    expect(answer.text).toContain('You are still signed in');
    expect(answer.text).toContain(`href="${RETURN_TO}?state=s2"`);
    expect(await stillSignedIn(browser)).toBe(true);
    expect(await sloEvents()).toBe(before);
  });

  it('says the browser is still signed in when it shows a page instead, for no return address or a refused one', async () => {
    const { browser } = await signedIn();
    const page = await browser.get(logoutUrl({ logout_hint: 'some-other-session' }));
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are still signed in');
    const refused = await browser.get(logoutUrl({ client_id: fitgate().webClient.clientId, logout_hint: 'some-other-session', post_logout_redirect_uri: 'https://evil.example/' }));
    expect(refused.status).toBe(400);
    expect(refused.location).toBeUndefined();
    expect(refused.text).toContain('You are still signed in');
    expect(refused.text).toContain('not one of the allowed logout URLs');
    expect(await stillSignedIn(browser)).toBe(true);
  });

  it('carries the hint through a form post to the same decision', async () => {
    const { browser, sid } = await signedIn();
    const posted = await request(fitgate().url)
      .post('/oidc/logout')
      .set('Host', new URL(fitgate().tenantUrl).host)
      .type('form')
      .send({ logout_hint: sid, client_id: fitgate().webClient.clientId })
      .expect(303);
    const redirectedTo = new URL(posted.headers.location as string, fitgate().tenantUrl);
    expect(redirectedTo.searchParams.get('logout_hint')).toBe(sid);
    await browser.get(redirectedTo);
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('ends the session without a hint, and answers a hint from a browser with no session as any sign-out', async () => {
    const { browser } = await signedIn();
    await browser.get(logoutUrl({}));
    expect(await stillSignedIn(browser)).toBe(false);

    const page = await fitgate().browser().get(logoutUrl({ logout_hint: 'some-session' }));
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are signed out');
  });
});

import { expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { tenantKeysFor } from '../../../../src/authn/keys/tenant_keys.js';
import { signJwt } from '../../../../src/authn/tokens/sign_jwt.js';
import { describeEachStore } from '../../../support/stores.js';
import type { Browser } from '../../../support/authn/browser.js';
import { useEmulator, useFrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, setAllowedLogoutUrls } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');
const RETURN_TO = 'https://app.example/signed-out';

/**
 * RP-Initiated Logout's id_token_hint names a login session by its `sid` claim, and is held to the
 * rule a logout_hint is: when it names another session than the browser's (the person signed out
 * and in again since, perhaps as someone else), the browser's sign-in is kept and a "still signed
 * in" page says so, never a redirect; a hint with the browser's sid, or with none, signs out as
 * before; a hint from a browser with no session is a logout of nobody.
 */
describeEachStore('id_token_hint naming another login session', (harness) => {
  const fitgate = useFrontChannel(harness, emulator, (started) => setAllowedLogoutUrls(started, [RETURN_TO]));

  /** Logs `browser` in at the web client and returns the id_token the application got. */
  const idTokenOfLogin = async (browser: Browser): Promise<string> => (await loginAtWebClient(fitgate(), browser)).idToken;

  /** A browser signed in twice with a sign-out between: the first login's id_token names a session it no longer has. */
  async function signedInAgain(): Promise<{ browser: Browser; earlier: string; current: string }> {
    const browser = fitgate().browser();
    const earlier = await idTokenOfLogin(browser);
    await browser.get(logoutUrl('/oidc/logout', {}));
    const current = await idTokenOfLogin(browser);
    expect(decodeJwt(current).sid).not.toBe(decodeJwt(earlier).sid);
    return { browser, earlier, current };
  }

  const logoutUrl = (path: string, params: Record<string, string>) => {
    const url = new URL(path, fitgate().tenantUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url;
  };

  const stillSignedIn = async (browser: Browser) => Boolean((await browser.get(fitgate().authorizeUrl({ prompt: 'none' }))).location?.searchParams.get('code'));
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));
  const sloEvents = async () => (await fitgate().store.logs.list(fitgate().tenant, { page: 0, perPage: 100, type: 'slo' })).items.length;

  it('keeps the browser session when the hint names an earlier one, shows the page instead of redirecting, and its Sign out ends it and returns', async () => {
    const { browser, earlier } = await signedInAgain();
    const before = await sloEvents();

    // No client_id: the hint alone names the application, as RP-Initiated Logout has it.
    const page = await browser.get(logoutUrl('/oidc/logout', { id_token_hint: earlier, post_logout_redirect_uri: RETURN_TO, state: 'st' }));
    expect(page.status).toBe(200);
    expect(page.location).toBeUndefined();
    expect(page.text).toContain('You are still signed in');
    expect(hrefs(page.text)).toContain(`${RETURN_TO}?state=st`);
    expect(await stillSignedIn(browser)).toBe(true);
    expect(await sloEvents()).toBe(before);

    // The sign-out link drops the hint, and names the application it named instead, so the return address still passes.
    const signOut = hrefs(page.text).find((href) => href.startsWith('/oidc/logout'));
    expect(signOut).toBeDefined();
    expect(signOut).not.toContain('id_token_hint');
    const signOutUrl = new URL(signOut!, fitgate().tenantUrl);
    expect(signOutUrl.searchParams.get('client_id')).toBe(fitgate().webClient.clientId);
    const signedOut = await browser.get(signOutUrl);
    expect(signedOut.location?.href).toBe(`${RETURN_TO}?state=st`);
    expect(await stillSignedIn(browser)).toBe(false);
    expect(await sloEvents()).toBe(before + 1);
  });

  it('at /v2/logout too, and with a refused return address the page is a 400 with the reason', async () => {
    const { browser, earlier } = await signedInAgain();
    const kept = await browser.get(logoutUrl('/v2/logout', { client_id: fitgate().webClient.clientId, id_token_hint: earlier, returnTo: RETURN_TO }));
    expect(kept.status).toBe(200);
    expect(kept.text).toContain('You are still signed in');
    const refused = await browser.get(logoutUrl('/v2/logout', { client_id: fitgate().webClient.clientId, id_token_hint: earlier, returnTo: 'https://evil.example/' }));
    expect(refused.status).toBe(400);
    expect(refused.location).toBeUndefined();
    expect(refused.text).toContain('not one of the allowed logout URLs');
    expect(await stillSignedIn(browser)).toBe(true);
  });

  it('without a return address at /oidc/logout, the Sign out link ends on the signed-out page as the hinted request would have', async () => {
    const { browser, earlier } = await signedInAgain();
    const page = await browser.get(logoutUrl('/oidc/logout', { client_id: fitgate().webClient.clientId, id_token_hint: earlier }));
    expect(page.text).toContain('You are still signed in');
    const signOut = hrefs(page.text).find((href) => href.startsWith('/oidc/logout'));
    expect(signOut).toBe('/oidc/logout');
    const signedOut = await browser.get(new URL(signOut!, fitgate().tenantUrl));
    expect(signedOut.status).toBe(200);
    expect(signedOut.text).toContain('You are signed out');
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('ends the session when the hint carries the browser session sid', async () => {
    const { browser, current } = await signedInAgain();
    const answer = await browser.get(logoutUrl('/oidc/logout', { id_token_hint: current, post_logout_redirect_uri: RETURN_TO, state: 'now' }));
    expect(answer.location?.href).toBe(`${RETURN_TO}?state=now`);
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('ends the session when the hint carries no sid, an id_token older than sids', async () => {
    const browser = fitgate().browser();
    const { sub } = decodeJwt(await idTokenOfLogin(browser));
    const tenant = await fitgate().store.tenants.get(fitgate().tenant);
    if (!tenant || typeof sub !== 'string') throw new Error('the fixture tenant or the login subject is missing');
    const withoutSid = await signJwt(tenantKeysFor(fitgate().deps), tenant, {}, { typ: 'JWT', issuer: `${fitgate().tenantUrl}/`, audience: fitgate().webClient.clientId, subject: sub, ttlSeconds: 3600 });
    const answer = await browser.get(logoutUrl('/oidc/logout', { id_token_hint: withoutSid, post_logout_redirect_uri: RETURN_TO }));
    expect(answer.location?.href).toBe(RETURN_TO);
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it('answers a hint from a browser with no session as a logout of nobody', async () => {
    const { earlier } = await signedInAgain();
    const before = await sloEvents();
    const answer = await fitgate().browser().get(logoutUrl('/oidc/logout', { id_token_hint: earlier, post_logout_redirect_uri: RETURN_TO }));
    expect(answer.location?.href).toBe(RETURN_TO);
    expect(await sloEvents()).toBe(before);
  });
});

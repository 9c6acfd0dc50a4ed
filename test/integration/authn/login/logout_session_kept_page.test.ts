import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import type { Browser } from '../../../support/authn/browser.js';
import { useEmulator, useFrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, setAllowedLogoutUrls } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');
const RETURN_TO = 'https://app.example/signed-out';

/**
 * A logout whose logout_hint names another login session keeps the browser's session, and is
 * never answered by a redirect to the application, even to an allowed address: the person would
 * take it for a sign-out. The page says the browser is still signed in and offers both ways on.
 */
describeEachStore('logout that keeps the session', (harness) => {
  const fitgate = useFrontChannel(harness, emulator, (started) => setAllowedLogoutUrls(started, [RETURN_TO]));

  const stillSignedIn = async (browser: Browser) => Boolean((await browser.get(fitgate().authorizeUrl({ prompt: 'none' }))).location?.searchParams.get('code'));
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));

  it.each([
    ['/oidc/logout', { post_logout_redirect_uri: RETURN_TO, state: 'st' }, `${RETURN_TO}?state=st`],
    ['/v2/logout', { returnTo: RETURN_TO }, RETURN_TO],
  ])('%s shows the page with a sign-out link and a way back instead of redirecting', async (path, returnParams, back) => {
    const browser = fitgate().browser();
    await loginAtWebClient(fitgate(), browser);
    const url = new URL(path, fitgate().tenantUrl);
    for (const [name, value] of Object.entries({ client_id: fitgate().webClient.clientId, logout_hint: 'an-earlier-session', ...returnParams })) url.searchParams.set(name, value);

    const page = await browser.get(url);
    expect(page.status).toBe(200);
    expect(page.location).toBeUndefined();
    expect(page.text).toContain('You are still signed in');
    expect(hrefs(page.text)).toContain(back);
    expect(await stillSignedIn(browser)).toBe(true);

    // The sign-out link is the same request without the hint: it ends the session, then returns.
    const signOut = hrefs(page.text).find((href) => href.startsWith(path));
    expect(signOut).toBeDefined();
    expect(signOut).not.toContain('logout_hint');
    const signedOut = await browser.get(new URL(signOut!, fitgate().tenantUrl));
    expect(signedOut.location?.href).toBe(back);
    expect(await stillSignedIn(browser)).toBe(false);
  });
});

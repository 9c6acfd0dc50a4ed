import { beforeAll, expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// The logout Auth0's Express quickstart writes for passport-auth0: req.logout(), then a redirect to
// https://DOMAIN/v2/logout?client_id=...&returnTo=<the app's root>, listed in the application's
// Allowed Logout URLs.
describe('passport-auth0: logging out through /v2/logout', () => {
  let clientId = '';
  const rp = useRelyingParty('passport_auth0', 'Passport app', (fitgate, client) => {
    clientId = client.clientId;
    return { domain: fitgate.domain, clientID: client.clientId, clientSecret: client.clientSecret };
  });

  beforeAll(async () => {
    const client = await rp.fitgate.store.clients.get(rp.fitgate.tenant, clientId);
    if (!client) throw new Error('the application is gone');
    await rp.fitgate.store.clients.update({ ...client, allowedLogoutUrls: [rp.app.url] });
  });

  it("ends the application's and fitgate's sessions and returns to the application", async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/login`);
    await browser.follow(continueWithFitbit(start.page));
    // Signed in at fitgate: a second login goes through without the login page.
    const again = await browser.follow(`${rp.app.url}/login`);
    expect(again.page.url.href).toBe(`${rp.app.url}/user`);
    expect(JSON.parse(again.page.text)).toMatchObject({ user: { id: 'fitbit|alice-4f1c2b7e' } });

    const { page, visited } = await browser.follow(`${rp.app.url}/logout`);

    const logout = visited.find((url) => url.pathname === '/v2/logout');
    expect(logout?.origin).toBe(rp.fitgate.publicUrl);
    expect(Object.fromEntries(logout?.searchParams ?? [])).toEqual({ client_id: clientId, returnTo: rp.app.url });
    expect(page.url.href).toBe(`${rp.app.url}/`);
    expect(JSON.parse(page.text)).toEqual({ home: true, user: null });
    const afterwards = await browser.follow(`${rp.app.url}/login`);
    expect(afterwards.page.url.pathname).toBe('/authorize');
    expect(afterwards.page.text).toContain('Continue with Fitbit');
  });
});

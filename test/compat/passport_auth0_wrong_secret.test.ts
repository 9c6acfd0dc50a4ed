import { randomBytes } from 'node:crypto';
import { expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// passport-auth0 configured with a client secret that is not the application's (a typo, or the one
// from before a rotation): the code exchange is refused, and the strategy's error says why.
describe('passport-auth0 with a wrong client secret', () => {
  const rp = useRelyingParty('passport_auth0', 'Passport app', (fitgate, { clientId }) => ({
    domain: fitgate.domain,
    clientID: clientId,
    clientSecret: randomBytes(48).toString('base64url'),
  }));

  it("fails at the callback with fitgate's invalid_client, naming the client authentication, and signs nobody in", async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/login`);
    const { page } = await browser.follow(continueWithFitbit(start.page));

    expect(page.url.pathname).toBe('/callback');
    expect(JSON.parse(page.text)).toEqual({ name: 'TokenError', code: 'invalid_client', error: 'client authentication failed' });
    expect(JSON.parse((await browser.get(`${rp.app.url}/user`)).text)).toMatchObject({ user: null });
  });
});

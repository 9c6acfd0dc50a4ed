import { expect, it, describe } from '@jest/globals';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// passport-auth0 unchanged: its strategy logs in with the code flow and loads the profile with
// GET /userinfo?access_token=... (its OAuth library's default).
describe('passport-auth0', () => {
  const rp = useRelyingParty('passport_auth0', 'Passport app', (fitgate, { clientId, clientSecret }) => ({ domain: fitgate.domain, clientID: clientId, clientSecret }));

  it('logs a user in through the strategy and fetches the profile from /userinfo', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/login`);
    const { page } = await browser.follow(continueWithFitbit(start.page));
    expect(page.url.href).toBe(`${rp.app.url}/user`);
    const { user } = JSON.parse(page.text) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      provider: 'fitbit',
      id: 'fitbit|alice-4f1c2b7e',
      user_id: 'fitbit|alice-4f1c2b7e',
      displayName: 'Alice Runner',
    });
  });

  it('logs a user in with the README\'s connection option and no scope, the profile then being the user id alone', async () => {
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const { page } = await browser.follow(`${rp.app.url}/login/fitbit`);
    expect(page.url.href).toBe(`${rp.app.url}/user`);
    const { user } = JSON.parse(page.text) as { user: Record<string, unknown> };
    expect(user).toMatchObject({ provider: 'fitbit', id: 'fitbit|alice-4f1c2b7e', user_id: 'fitbit|alice-4f1c2b7e' });
    expect(user['emails']).toBeUndefined();
  });
});

import { expect, it, describe } from '@jest/globals';
import { decodeJwt } from 'jose';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { allowOnConsentPage } from '../support/compat/emulator_consent.js';
import { useRelyingParty } from '../support/compat/use_relying_party.js';

// What passport-auth0, unchanged, hands the application's verify callback after a login with the
// README's scope (openid email profile) that the user allowed on the upstream's consent page: the
// profile it builds from /userinfo, and extraParams, the token response whose id_token it checked
// (iss, aud, nonce) before calling back.
describe('passport-auth0: the profile and extraParams', () => {
  let clientId = '';
  const rp = useRelyingParty('passport_auth0', 'Passport app', (fitgate, client) => {
    clientId = client.clientId;
    return { domain: fitgate.domain, clientID: client.clientId, clientSecret: client.clientSecret };
  });

  it("builds the profile of the user who allowed the login on the consent page, and passes on fitgate's id_token", async () => {
    // A person at the emulator's consent page, choosing Bob (auto-consent would answer as Alice).
    rp.fitgate.emulator.control.setAutoConsent(undefined);
    const browser = new CompatBrowser(rp.fitgate.certificate.certPem);
    const start = await browser.follow(`${rp.app.url}/login`);
    const nonce = start.visited.find((url) => url.pathname === '/authorize')?.searchParams.get('nonce');
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    const consent = await browser.follow(continueWithFitbit(start.page));
    const { page } = await browser.follow(await allowOnConsentPage(consent.page, 'bob'));

    expect(page.url.href).toBe(`${rp.app.url}/user`);
    const { user, extraParams } = JSON.parse(page.text) as { user: Record<string, unknown>; extraParams: Record<string, unknown> };
    const claims = {
      sub: 'fitbit|bob-93d0aa15',
      name: 'Bob Walker',
      nickname: 'Bob Walker',
      given_name: 'Bob',
      family_name: 'Walker',
      picture: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png',
      email: 'bob@example.com',
      email_verified: true,
    };
    expect(user).toEqual({
      provider: 'fitbit',
      id: 'fitbit|bob-93d0aa15',
      user_id: 'fitbit|bob-93d0aa15',
      displayName: 'Bob Walker',
      name: { familyName: 'Walker', givenName: 'Bob' },
      emails: [{ value: 'bob@example.com' }],
      nickname: 'Bob Walker',
      picture: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png',
      _json: { ...claims, updated_at: expect.any(String) },
      _raw: expect.any(String),
    });
    expect(JSON.parse(user['_raw'] as string)).toEqual(user['_json']);

    expect(extraParams).toEqual({
      access_token: expect.any(String),
      id_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86400,
      scope: 'openid profile email',
    });
    expect(decodeJwt(extraParams['id_token'] as string)).toMatchObject({
      ...claims,
      iss: `${rp.fitgate.publicUrl}/`,
      aud: clientId,
      nonce,
    });
  });
});

import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { setAllowedLogoutUrls } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';
import { addOwnDomain, browserOfBothHosts, signInAndRedeem } from '../../../support/authn/two_tenant_hosts.js';
import { describeEachStore } from '../../../support/stores.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';
const RETURN_TO = 'https://app.example/signed-out';

/**
 * An application that sends the browser to /authorize at one of the tenant's hosts (an own domain)
 * and redeems the code at another (its NAME.<base host>) gets tokens issued under the host the login
 * was made at, as at Auth0 with custom domains: the id_token's `iss` is the one the front channel
 * named, the one the user's sign-in is remembered under, and so the one its back-channel logout
 * tokens carry (Back-Channel Logout §2.6: the receiver checks it against the id_token's). The
 * exchange itself is not refused, and the tokens still work at either host.
 */
describeEachStore('a code redeemed at another host of the tenant', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  let ownUrl: string;
  const background = new BackgroundWork();

  /** Signs a fresh browser in at the own domain and redeems the code at NAME.<base host>. */
  const signInAtOwnDomain = async () => {
    const browser = browserOfBothHosts(fitgate, ownUrl);
    return { browser, ...(await signInAndRedeem(fitgate, browser, { signInAt: ownUrl, redeemAt: fitgate.tenantUrl })) };
  };

  /** The logout tokens that arrived once the sends are over, decoded. */
  async function logoutTokens(): Promise<ReturnType<typeof decodeJwt>[]> {
    await background.settled(10_000);
    return receiver.received.map((got) => decodeJwt(got.form.get('logout_token') ?? ''));
  }

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background });
    receiver = await startLogoutReceiver();
    ownUrl = await addOwnDomain(fitgate, emulator());
    const web = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({
      ...web!,
      oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/web`], backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['session-revoked'] } },
    });
    await setAllowedLogoutUrls(fitgate, [RETURN_TO]);
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('issues the id_token under the host of /authorize, the issuer the front channel named', async () => {
    const { arrivedAt, tokens } = await signInAtOwnDomain();
    expect(arrivedAt.searchParams.get('iss')).toBe(`${ownUrl}/`);
    expect(decodeJwt(tokens.id_token).iss).toBe(`${ownUrl}/`);
  });

  it('issues it under NAME.<base host> for a login made there and redeemed at the own domain', async () => {
    const browser = browserOfBothHosts(fitgate, ownUrl);
    const { tokens } = await signInAndRedeem(fitgate, browser, { signInAt: fitgate.tenantUrl, redeemAt: ownUrl });
    expect(decodeJwt(tokens.id_token).iss).toBe(`${fitgate.tenantUrl}/`);
  });

  it('remembers the host of /authorize among the user’s sign-in URLs', async () => {
    await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}/sessions`, await managementToken(fitgate, ['delete:sessions'])).expect(202);
    await background.settled(10_000);
    await signInAtOwnDomain();
    expect((await fitgate.store.users.get(fitgate.tenant, ALICE))?.signInUrls).toEqual([ownUrl]);
  });

  it('gives the logout token of the browser’s /v2/logout the id_token’s iss and sid', async () => {
    const { browser, tokens } = await signInAtOwnDomain();
    await browser.get(`${ownUrl}/v2/logout?client_id=${fitgate.webClient.clientId}`);

    const idToken = decodeJwt(tokens.id_token);
    expect((await logoutTokens()).map(({ iss, sid }) => ({ iss, sid }))).toEqual([{ iss: idToken.iss, sid: idToken.sid }]);
  });

  it('gives the logout token of an end of the user’s sessions, asked on NAME.<base host>, the id_token’s iss', async () => {
    const token = await managementToken(fitgate, ['delete:sessions']);
    const { tokens } = await signInAtOwnDomain();

    await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}/sessions`, token).expect(202);

    expect((await logoutTokens()).map(({ iss }) => iss)).toEqual([decodeJwt(tokens.id_token).iss]);
  });

  it('answers /userinfo with the access token at either host', async () => {
    const { tokens } = await signInAtOwnDomain();
    for (const host of [new URL(fitgate.tenantUrl).host, new URL(ownUrl).host]) {
      const answer = await request(fitgate.url).get('/userinfo').set('Host', host).set('Authorization', `Bearer ${tokens.access_token}`);
      expect({ host, status: answer.status, sub: answer.body.sub }).toEqual({ host, status: 200, sub: ALICE });
    }
  });

  it('takes the id_token as an id_token_hint at /oidc/logout on the host the code was redeemed at', async () => {
    const { tokens } = await signInAtOwnDomain();
    const logout = new URL('/oidc/logout', fitgate.tenantUrl);
    logout.searchParams.set('id_token_hint', tokens.id_token);
    logout.searchParams.set('post_logout_redirect_uri', RETURN_TO);

    const answer = await browserOfBothHosts(fitgate, ownUrl).get(logout);

    expect(answer.location?.href).toBe(RETURN_TO);
  });
});

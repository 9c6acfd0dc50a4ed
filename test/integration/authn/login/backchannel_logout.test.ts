import { expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import type { Browser } from '../../../support/authn/browser.js';
import { useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, setBackchannelUrl, useBackchannelLogout } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');
// A public client must send PKCE; the code is never redeemed here, so any S256 challenge will do.
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * OpenID Connect Back-Channel Logout: when a browser's session ends at /v2/logout or /oidc/logout,
 * each client the session answered that registered `oidc_logout.backchannel_logout_urls` is POSTed a
 * logout token for that session, signed with the tenant's key; a client with no URL, and a session a
 * logout_hint keeps, send nothing.
 */
describeEachStore('back-channel logout', (harness) => {
  const backchannel = useBackchannelLogout(harness, emulator);

  /** A browser signed in through the web client (the callback), then answered for the SPA from its session. */
  async function signedInToBoth(): Promise<{ browser: Browser; sid: string; sub: string }> {
    const { fitgate } = backchannel;
    const browser = fitgate.browser();
    const { sid, sub } = await loginAtWebClient(fitgate, browser);
    const silent = await browser.get(fitgate.authorizeUrl({ client_id: fitgate.spaClient.clientId, prompt: 'none', code_challenge: CHALLENGE, code_challenge_method: 'S256' }));
    expect(silent.location?.href).toContain('code=');
    return { browser, sid, sub };
  }

  async function verified(token: string, audience: string) {
    const { fitgate } = backchannel;
    const jwks = await request(fitgate.url).get('/.well-known/jwks.json').set('Host', new URL(fitgate.tenantUrl).host).expect(200);
    return jwtVerify(token, createLocalJWKSet(jwks.body as JSONWebKeySet), { issuer: `${fitgate.tenantUrl}/`, audience, typ: 'logout+jwt', algorithms: ['RS256'] });
  }

  it('sends each client the session answered a logout token for that session, verifiable with the JWKS', async () => {
    const { fitgate, receiver, background } = backchannel;
    await setBackchannelUrl(fitgate, fitgate.spaClient, receiver, '/spa');
    const { browser, sid, sub } = await signedInToBoth();

    await browser.get(`${fitgate.tenantUrl}/v2/logout?client_id=${fitgate.webClient.clientId}`);
    await background.settled(10_000);

    expect(receiver.received.map((got) => got.path).sort()).toEqual(['/spa', '/web']);
    for (const got of receiver.received) {
      expect(got.contentType).toBe('application/x-www-form-urlencoded');
      const audience = got.path === '/web' ? fitgate.webClient.clientId : fitgate.spaClient.clientId;
      const token = got.form.get('logout_token') ?? '';
      const { payload, protectedHeader } = await verified(token, audience);
      expect(protectedHeader.typ).toBe('logout+jwt');
      expect(payload).toMatchObject({ sub, sid, aud: audience, events: { [EVENT]: {} } });
      expect(typeof payload.jti).toBe('string');
      expect(payload).not.toHaveProperty('nonce');
      expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(120);
    }
    const [first, second] = receiver.received.map((got) => decodeJwt(got.form.get('logout_token') ?? '').jti);
    expect(first).not.toBe(second);
  });

  it('sends nothing to a client the session answered that registered no URL', async () => {
    const { fitgate, receiver, background } = backchannel;
    await setBackchannelUrl(fitgate, fitgate.spaClient, receiver, undefined);
    const { browser } = await signedInToBoth();

    await browser.get(`${fitgate.tenantUrl}/oidc/logout`);
    await background.settled(10_000);

    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
    expect(decodeProtectedHeader(receiver.received[0]!.form.get('logout_token') ?? '').typ).toBe('logout+jwt');
  });

  it('sends nothing while a logout_hint naming another session keeps the browser signed in, and sends once it ends', async () => {
    const { fitgate, receiver, background } = backchannel;
    await setBackchannelUrl(fitgate, fitgate.spaClient, receiver, undefined);
    const { browser, sid } = await signedInToBoth();

    const kept = await browser.get(`${fitgate.tenantUrl}/oidc/logout?logout_hint=another-session`);
    expect(kept.text).toContain('You are still signed in');
    await background.settled(10_000);
    expect(receiver.received).toEqual([]);

    await browser.get(`${fitgate.tenantUrl}/oidc/logout?logout_hint=${sid}`);
    await background.settled(10_000);
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { CHALLENGE, VERIFIER } from '../../../../support/authn/back_channel_fixture.js';
import { cspDirective, readWebMessage } from '../../../../support/authn/web_message_page.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { storeClient } from '../../../../support/stored_client.js';

const emulator = useEmulator('alice');
const APP_ORIGIN = new URL(CLIENT_CALLBACK).origin;

/**
 * response_mode=web_message, as auth0-spa-js uses it: /authorize answers with a page that posts the
 * response to the app's origin (an Allowed Web Origin of the client), framable by that origin alone;
 * a request from an unlisted origin gets a page saying so and nothing is posted.
 */
describeEachStore('/authorize response_mode=web_message', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    await storeClient(fitgate.store.clients, { ...fitgate.spaClient, webOrigins: [APP_ORIGIN] });
  });
  afterAll(() => fitgate.close());

  /** auth0-spa-js's request: the public SPA client, PKCE, web_message. */
  const spaAuthorizeUrl = (params: Record<string, string | undefined> = {}) =>
    fitgate.authorizeUrl({
      client_id: fitgate.spaClient.clientId,
      scope: 'openid profile email',
      response_mode: 'web_message',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...params,
    });

  it('posts login_required to the Allowed Web Origin when nobody is signed in, from a page only that origin may frame', async () => {
    const page = await fitgate.browser().get(spaAuthorizeUrl({ prompt: 'none', state: 'st-none' }));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    const message = readWebMessage(page.text);
    expect(message.origin).toBe(APP_ORIGIN);
    expect(message.response).toEqual({
      error: 'login_required',
      error_description: 'The user is not signed in at this tenant.',
      state: 'st-none',
      iss: `${fitgate.tenantUrl}/`,
    });

    const policy = page.headers['content-security-policy'];
    expect(cspDirective(policy, 'frame-ancestors')).toBe(APP_ORIGIN);
    expect(page.headers['x-frame-options']).toBeUndefined();
    // The page's one script, inline, allowed by its hash and nothing else: no fitgate script, no other origin.
    expect(message.scripts).toHaveLength(1);
    expect(message.scripts[0]?.attributes).toBe('');
    expect(message.scripts[0]?.text).toContain("target.postMessage({type:'authorization_response'");
    expect(cspDirective(policy, 'script-src')).toBe(message.scriptHash);
    expect(cspDirective(policy, 'default-src')).toBe("'none'");
    expect(page.headers['cross-origin-opener-policy']).toBe('unsafe-none');
  });

  it('posts a code and the state to a signed-in browser at once, which the SPA redeems at /oauth/token with its PKCE verifier', async () => {
    const browser = fitgate.browser();
    const signedIn = await browser.follow(spaAuthorizeUrl({ response_mode: undefined, connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();
    const upstreamLogins = fitgate.upstream.counters()['google-health'].authorizeRequests;

    const page = await browser.get(spaAuthorizeUrl({ prompt: 'none', state: 'st-sso' }));
    expect(page.status).toBe(200);
    const message = readWebMessage(page.text);
    expect(message.origin).toBe(APP_ORIGIN);
    expect(Object.keys(message.response).sort()).toEqual(['code', 'iss', 'state']);
    expect(message.response.state).toBe('st-sso');
    expect(cspDirective(page.headers['content-security-policy'], 'frame-ancestors')).toBe(APP_ORIGIN);
    expect(fitgate.upstream.counters()['google-health'].authorizeRequests).toBe(upstreamLogins);

    const host = new URL(fitgate.tenantUrl).host;
    const tokens = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', host)
      .set('Origin', APP_ORIGIN)
      .send({
        grant_type: 'authorization_code',
        client_id: fitgate.spaClient.clientId,
        code: message.response.code,
        code_verifier: VERIFIER,
        redirect_uri: CLIENT_CALLBACK,
      });
    expect(tokens.status).toBe(200);
    const jwks = await request(fitgate.url).get('/.well-known/jwks.json').set('Host', host);
    const { payload } = await jwtVerify(tokens.body.id_token as string, createLocalJWKSet(jwks.body as JSONWebKeySet), {
      issuer: `${fitgate.tenantUrl}/`,
      audience: fitgate.spaClient.clientId,
    });
    expect(payload.sub).toBe('fitbit|alice-4f1c2b7e');
  });

  it('ends an interactive login (a popup) with the page: /authorize → upstream → /login/callback, keeping the opener all the way', async () => {
    const browser = fitgate.browser();
    const start = await browser.get(spaAuthorizeUrl({ connection: 'fitbit', state: 'st-popup' }));
    expect(start.status).toBe(302);
    expect(start.headers['cross-origin-opener-policy']).toBe('unsafe-none');
    const { page } = await browser.follow(start.location!, CLIENT_CALLBACK);
    expect(page?.status).toBe(200);
    const message = readWebMessage(page!.text);
    expect(message.origin).toBe(APP_ORIGIN);
    expect(message.response).toMatchObject({ state: 'st-popup', iss: `${fitgate.tenantUrl}/` });
    expect(message.response.code).toBeTruthy();
    expect(page?.headers['cross-origin-opener-policy']).toBe('unsafe-none');
  });

  it('posts a login refused upstream as access_denied', async () => {
    emulator().control.setAutoConsent({ user: 'alice', decision: 'deny' });
    try {
      const { page } = await fitgate.browser().follow(spaAuthorizeUrl({ connection: 'fitbit', state: 'st-deny' }), CLIENT_CALLBACK);
      const message = readWebMessage(page!.text);
      expect(message.response).toMatchObject({ error: 'access_denied', state: 'st-deny' });
      expect(message.response.code).toBeUndefined();
    } finally {
      emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
    }
  });

  it('refuses web_message from an origin the client does not list with a page naming the setting, and posts nothing', async () => {
    const browser = fitgate.browser();
    // Signed in, so a posted answer would carry a code.
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    // An error found before the mode is checked is not posted either: the page names that error.
    for (const [params, named] of [
      [{ prompt: 'none' }, 'Allowed Web Origins'],
      [{}, 'Allowed Web Origins'],
      [{ prompt: 'none', response_type: 'token' }, 'response_type &quot;token&quot; is not supported'],
    ] as const) {
      const page = await browser.get(fitgate.authorizeUrl({ response_mode: 'web_message', ...params }));
      expect(page.status).toBe(400);
      expect(page.location).toBeUndefined();
      expect(page.text).toContain(named);
      expect(page.text).not.toContain('postMessage');
      expect(page.text).not.toContain('authorization-response');
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(cspDirective(page.headers['content-security-policy'], 'frame-ancestors')).toBe("'none'");
      expect(cspDirective(page.headers['content-security-policy'], 'script-src')).toBe("'self'");
    }
    const named = await browser.get(fitgate.authorizeUrl({ response_mode: 'web_message', prompt: 'none' }));
    expect(named.text).toContain(`add ${APP_ORIGIN} to Allowed Web Origins`);
  });

  it('refuses at /login/callback when the origin left the Allowed Web Origins during the login', async () => {
    const browser = fitgate.browser();
    const start = await browser.get(spaAuthorizeUrl({ connection: 'fitbit' }));
    await storeClient(fitgate.store.clients, { ...fitgate.spaClient, webOrigins: [] });
    try {
      const { page } = await browser.follow(start.location!, CLIENT_CALLBACK);
      expect(page?.status).toBe(400);
      expect(page?.text).toContain('The application changed while you were logging in');
      expect(page?.text).not.toContain('authorization-response');
    } finally {
      await storeClient(fitgate.store.clients, { ...fitgate.spaClient, webOrigins: [APP_ORIGIN] });
    }
  });

  it('never names a wildcard in frame-ancestors: a stored callback and web origin whose host parses to "*.app.example" get a page', async () => {
    // The URL parser turns %2A into "*"; written to the store as the rule once let it through.
    const wildcard = 'https://%2A.app.example';
    await storeClient(fitgate.store.clients, {
      ...fitgate.spaClient,
      callbacks: [...fitgate.spaClient.callbacks, `${wildcard}/callback`],
      webOrigins: [APP_ORIGIN, wildcard],
    });
    try {
      const page = await fitgate.browser().get(spaAuthorizeUrl({ prompt: 'none', redirect_uri: `${wildcard}/callback` }));
      expect(page.status).toBe(400);
      expect(page.text).not.toContain('authorization-response');
      expect(cspDirective(page.headers['content-security-policy'], 'frame-ancestors')).toBe("'none'");
    } finally {
      await storeClient(fitgate.store.clients, { ...fitgate.spaClient, webOrigins: [APP_ORIGIN] });
    }
  });
});

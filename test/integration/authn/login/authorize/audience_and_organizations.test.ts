import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CHALLENGE } from '../../../../support/authn/back_channel_fixture.js';
import { readFormPost } from '../../../../support/authn/form_post_page.js';
import { readWebMessage } from '../../../../support/authn/web_message_page.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');
const APP_API = 'https://api.app.example';

/**
 * `audience`, `organization` and `invitation` at /authorize: Auth0's SDKs send them from
 * authorizationParams, and fitgate serves neither APIs of applications nor Organizations. Each is
 * refused back to the application in its response mode, as Auth0 refuses an API it does not have,
 * rather than ignored (which left apps with a token or id_token other than the one they asked for).
 */
describeEachStore('/authorize audience and organizations', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    await fitgate.store.clients.update({ ...fitgate.spaClient, webOrigins: [new URL(CLIENT_CALLBACK).origin] });
  });
  afterAll(() => fitgate.close());

  it('refuses an API of the application with access_denied "Service not found: <audience>" in the query, with state and iss', async () => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ audience: APP_API, state: 'st-aud' }));
    expect(response.status).toBe(302);
    expect(response.location?.href.startsWith(`${CLIENT_CALLBACK}?`)).toBe(true);
    expect(Object.fromEntries(response.location!.searchParams)).toEqual({
      error: 'access_denied',
      error_description: `Service not found: ${APP_API}`,
      state: 'st-aud',
      iss: `${fitgate.tenantUrl}/`,
    });
  });

  it('refuses the Management API audience from a browser login the same way', async () => {
    const audience = `${fitgate.tenantUrl}/api/v2/`;
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ audience }));
    expect(response.location?.searchParams.get('error')).toBe('access_denied');
    expect(response.location?.searchParams.get('error_description')).toBe(`Service not found: ${audience}`);
  });

  it('answers in the fragment for response_type=id_token, and in the form for form_post (express-openid-connect)', async () => {
    const fragment = await fitgate.browser().get(fitgate.authorizeUrl({ response_type: 'id_token', audience: APP_API }));
    expect(fragment.location?.search).toBe('');
    expect(new URLSearchParams(fragment.location?.hash.slice(1)).get('error_description')).toBe(`Service not found: ${APP_API}`);

    const page = await fitgate.browser().get(fitgate.authorizeUrl({ response_type: 'id_token', response_mode: 'form_post', audience: APP_API, state: 'st-fp' }));
    expect(page.status).toBe(200);
    expect(readFormPost(page.text).fields).toMatchObject({ error: 'access_denied', error_description: `Service not found: ${APP_API}`, state: 'st-fp' });
  });

  it('posts the refusal to the app with web_message (auth0-spa-js getTokenSilently with an audience)', async () => {
    const page = await fitgate.browser().get(
      fitgate.authorizeUrl({
        client_id: fitgate.spaClient.clientId,
        response_mode: 'web_message',
        prompt: 'none',
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
        audience: APP_API,
        state: 'st-wm',
      }),
    );
    expect(page.status).toBe(200);
    expect(readWebMessage(page.text).response).toEqual({
      error: 'access_denied',
      error_description: `Service not found: ${APP_API}`,
      state: 'st-wm',
      iss: `${fitgate.tenantUrl}/`,
    });
  });

  it('accepts the tenant userinfo audience and completes the login', async () => {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', audience: `${fitgate.tenantUrl}/userinfo` }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('error')).toBeNull();
    expect(arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('refuses organization and invitation with invalid_request "organizations are not supported"', async () => {
    for (const params of [{ organization: 'org_abc' }, { invitation: 'inv_abc', organization: 'org_abc' }]) {
      const response = await fitgate.browser().get(fitgate.authorizeUrl({ ...params, state: 'st-org' }));
      expect(response.status).toBe(302);
      expect(Object.fromEntries(response.location!.searchParams)).toEqual({
        error: 'invalid_request',
        error_description: 'organizations are not supported',
        state: 'st-org',
        iss: `${fitgate.tenantUrl}/`,
      });
    }
  });

  it('shows a page, never a redirect, while the redirect_uri is not verified', async () => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ redirect_uri: 'https://evil.example/cb', audience: APP_API, organization: 'org_abc' }));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
  });

  it('sends nothing upstream for a refused request', async () => {
    const before = emulator().control.counters()['google-health'].authorizeRequests;
    // Followed as a browser would: a request let through would reach the emulator's /authorize and
    // come back with a code, so the refusal at the callback and the unmoved counter both say it stopped.
    const refusals = [
      { params: { audience: APP_API }, error: 'access_denied' },
      { params: { organization: 'org_abc' }, error: 'invalid_request' },
    ];
    for (const { params, error } of refusals) {
      const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', ...params }), CLIENT_CALLBACK);
      expect(arrivedAt?.searchParams.get('error')).toBe(error);
    }
    expect(emulator().control.counters()['google-health'].authorizeRequests).toBe(before);
  });
});

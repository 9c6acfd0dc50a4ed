import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * OpenID Connect Core §3.1.2.1: the authorization endpoint takes a form POST too. fitgate answers it
 * with 303 to GET /authorize carrying every parameter (repeats included), so the GET does all the
 * checks and reads the session a cross-site post would arrive without.
 */
describeEachStore('POST /authorize', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  const post = (body: string, type = 'form') =>
    request(fitgate.url).post('/authorize').set('Host', new URL(fitgate.tenantUrl).host).type(type).send(body).redirects(0);

  it('answers 303 to the GET with the same parameters, which signs the user in', async () => {
    const link = new URL(fitgate.authorizeUrl({ connection: 'fitbit', state: 'af0 ifj&sl', ui_locales: 'fr' }));
    const response = await post(link.searchParams.toString()).expect(303);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
    const location = new URL(response.headers.location as string, fitgate.tenantUrl);
    expect(location.pathname).toBe('/authorize');
    expect([...location.searchParams]).toEqual([...link.searchParams]);

    const { arrivedAt } = await fitgate.browser().follow(location, CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    expect(arrivedAt?.searchParams.get('state')).toBe('af0 ifj&sl');
    expect(arrivedAt?.searchParams.get('iss')).toBe(`${fitgate.tenantUrl}/`);
  });

  it('keeps a repeated parameter, so the GET refuses it as it refuses one in a link', async () => {
    const link = new URL(fitgate.authorizeUrl({ state: 'st-post' }));
    const response = await post(`${link.searchParams.toString()}&scope=openid`).expect(303);
    const location = new URL(response.headers.location as string, fitgate.tenantUrl);
    expect(location.searchParams.getAll('scope')).toHaveLength(2);
    const refusal = await fitgate.browser().get(location);
    expect(refusal.status).toBe(302);
    expect(refusal.location?.href.startsWith(`${CLIENT_CALLBACK}?`)).toBe(true);
    expect(refusal.location?.searchParams.get('error')).toBe('invalid_request');
    expect(refusal.location?.searchParams.get('error_description')).toBe('The parameter scope was sent more than once.');
    expect(refusal.location?.searchParams.get('state')).toBe('st-post');
  });

  it('refuses a body that is not a form, with a page', async () => {
    const response = await post(JSON.stringify({ client_id: fitgate.webClient.clientId }), 'json').expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('must be sent as a form');
  });
});

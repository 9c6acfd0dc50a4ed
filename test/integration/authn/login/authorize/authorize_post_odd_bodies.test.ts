import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * POST /authorize copies a form into the Location of its 303. Whatever a page on another site
 * posts, that Location stays a path on fitgate's own /authorize, with no header of its own, and
 * carries only the form: the checks of the GET it leads to then decide, as for a link.
 */
describeEachStore('POST /authorize with a hostile form', (harness) => {
  let fitgate: FrontChannel;
  let host: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    host = new URL(fitgate.tenantUrl).host;
  });
  afterAll(() => fitgate.close());

  const post = (path: string, body: string, type = 'form') => request(fitgate.url).post(path).set('Host', host).type(type).send(body).redirects(0);

  it('keeps line breaks, a second URL and a fragment inside the query of a path on /authorize', async () => {
    const hostile = new URLSearchParams([
      ['x\r\nSet-Cookie: planted=1', 'y\r\nLocation: https://evil.example/'],
      ['//evil.example/#', '@evil.example'],
      ['state', 'a#b?c'],
    ]);
    const response = await post('/authorize', hostile.toString()).expect(303);
    const location = response.headers.location as string;
    expect(location.startsWith('/authorize?')).toBe(true);
    expect(location).not.toMatch(/[\r\n#]/);
    expect(response.headers['set-cookie']).toBeUndefined();
    const parsed = new URL(location, fitgate.tenantUrl);
    expect(parsed.host).toBe(host);
    expect([...parsed.searchParams]).toEqual([...hostile]);
  });

  it("carries the form only, not the posted URL's own query", async () => {
    const link = new URL(fitgate.authorizeUrl({ state: 'st-form' }));
    const response = await post('/authorize?redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_mode=web_message', link.searchParams.toString()).expect(303);
    const parsed = new URL(response.headers.location as string, fitgate.tenantUrl);
    expect(parsed.searchParams.getAll('redirect_uri')).toEqual([CLIENT_CALLBACK]);
    expect(parsed.searchParams.has('response_mode')).toBe(false);
  });

  it('refuses a text/plain form (the one a page can post without a preflight besides this one), with a page', async () => {
    const response = await post('/authorize', `client_id=${fitgate.webClient.clientId}&redirect_uri=${CLIENT_CALLBACK}`, 'text/plain');
    expect(response.status).toBe(415);
    expect(response.headers.location).toBeUndefined();
  });

  it('refuses with a page a form too long for the GET it would lead to, instead of a redirect that cannot be followed', async () => {
    const link = new URL(fitgate.authorizeUrl({ state: 'st-long' }));
    for (let index = 0; index < 40; index += 1) link.searchParams.append(`x${index}`, 'a'.repeat(2000));
    const response = await post('/authorize', link.searchParams.toString()).expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('longer than fitgate accepts');
    expect(response.text.length).toBeLessThan(20_000);
  });

  it('leads a repeated parameter with an unregistered redirect_uri to a page, never to that URI', async () => {
    const link = new URL(fitgate.authorizeUrl({ redirect_uri: 'https://evil.example/cb', state: 'st-evil' }));
    const response = await post('/authorize', `${link.searchParams.toString()}&scope=openid&response_mode=fragment&response_mode=query`).expect(303);
    const answer = await fitgate.browser().get(new URL(response.headers.location as string, fitgate.tenantUrl));
    expect(answer.status).toBe(400);
    expect(answer.location).toBeUndefined();
    expect(answer.text).toContain('is not one of the allowed callback URLs');
  });
});

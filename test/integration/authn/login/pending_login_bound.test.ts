import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { PENDING_LOGIN_COOKIE_PREFIX } from '../../../../src/authn/login/pending_login_cookie.js';
import { Browser } from '../../../support/authn/browser.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/** Every login in flight is a cookie on each request to the tenant's host, so a browser holds a few at most. */
describeEachStore('the logins one browser may have in flight', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it('are five: a sixth /authorize clears the oldest, whose callback is then refused, and keeps the others', async () => {
    const host = new URL(fitgate.tenantUrl).host;
    const jar = new Map<string, Map<string, string>>();
    const browser = new Browser(fitgate.url, new Set([host]), jar);
    const tabs = [];
    for (let tab = 0; tab < 6; tab += 1) tabs.push(await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state: `tab-${tab}` })));

    const held = [...(jar.get(host) ?? [])].filter(([name, value]) => name.startsWith(PENDING_LOGIN_COOKIE_PREFIX) && value !== '');
    expect(held).toHaveLength(5);
    expect((await browser.follow(tabs[0]!.location!, CLIENT_CALLBACK)).page?.status).toBe(400);
    for (const tab of [1, 5]) expect((await browser.follow(tabs[tab]!.location!, CLIENT_CALLBACK)).arrivedAt?.searchParams.get('state')).toBe(`tab-${tab}`);
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Browser } from '../../../support/authn/browser.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/** The cookie the version before bound logins in flight with: one list of their states. */
const LEGACY_COOKIE = 'fitgate.login';

/** Logins in flight when fitgate is upgraded were bound to their browser by the version before's cookie. */
describeEachStore('a login in flight bound by the cookie of the version before', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it('finishes, each of the list, which is left as it was to expire with them', async () => {
    const host = new URL(fitgate.tenantUrl).host;
    const jar = new Map<string, Map<string, string>>();
    const browser = new Browser(fitgate.url, new Set([host]), jar);
    const tabs = [];
    for (const state of ['tab-a', 'tab-b']) tabs.push(await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state })));
    const list = tabs.map((tab) => tab.location?.searchParams.get('state')).join('.');
    // As the version before left the browser: both states in its one cookie, no cookie of each login's own.
    jar.set(host, new Map([[LEGACY_COOKIE, list]]));

    for (const [at, state] of ['tab-a', 'tab-b'].entries()) {
      const back = (await browser.follow(tabs[at]!.location!, CLIENT_CALLBACK)).arrivedAt;
      expect(back?.searchParams.get('state')).toBe(state);
      expect(back?.searchParams.get('code')).toBeTruthy();
      expect(jar.get(host)?.get(LEGACY_COOKIE)).toBe(list);
    }
  });
});

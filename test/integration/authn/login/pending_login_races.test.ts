import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Browser, type BrowserResponse } from '../../../support/authn/browser.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/** A browser's cookies, by host. */
type Jar = Map<string, Map<string, string>>;

const ORDERS = [
  ['as sent', [0, 1]],
  ['in reverse', [1, 0]],
] as const;

/**
 * Two tabs of one browser (a restored session, or one tab finishing its login while another starts
 * one): both requests leave with the same cookies, and the browser applies each answer's Set-Cookie
 * as it arrives, in either order. Neither answer may undo the other tab's login.
 */
describeEachStore('two logins in flight at once in one browser', (harness) => {
  let fitgate: FrontChannel;
  let host: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    host = new URL(fitgate.tenantUrl).host;
  });
  afterAll(() => fitgate.close());

  const browserOn = (jar: Jar) => new Browser(fitgate.url, new Set([host]), jar);
  /** A tab's request, sent with the cookies the browser holds now; its answer is not applied yet. */
  const sentFrom = (jar: Jar, url: string | URL) => browserOn(new Map([...jar].map(([at, cookies]) => [at, new Map(cookies)]))).get(url);
  const authorize = (state: string) => fitgate.authorizeUrl({ connection: 'fitbit', state });
  /** Where the login of a tab sent upstream comes back to the application, once the browser follows it. */
  const finished = async (jar: Jar, tab: BrowserResponse) => (await browserOn(jar).follow(tab.location!, CLIENT_CALLBACK)).arrivedAt;

  it.each(ORDERS)('finishes both when two /authorize answers arrive %s', async (_, order) => {
    const jar: Jar = new Map();
    const tabs = [await sentFrom(jar, authorize('tab-a')), await sentFrom(jar, authorize('tab-b'))];
    for (const at of order) applyAnswer(jar, host, tabs[at]!);

    for (const [at, state] of ['tab-a', 'tab-b'].entries()) {
      const back = await finished(jar, tabs[at]!);
      expect(back?.searchParams.get('state')).toBe(state);
      expect(back?.searchParams.get('code')).toBeTruthy();
    }
  });

  it.each(ORDERS)("finishes both when one tab's callback and another's /authorize answer %s", async (_, order) => {
    const jar: Jar = new Map();
    const tabA = await browserOn(jar).get(authorize('tab-a'));
    const callbackA = (await browserOn(jar).get(tabA.location!)).location!;
    const answers = [await sentFrom(jar, callbackA), await sentFrom(jar, authorize('tab-b'))];
    for (const at of order) applyAnswer(jar, host, answers[at]!);

    expect(answers[0]!.location?.searchParams.get('state')).toBe('tab-a');
    expect(answers[0]!.location?.searchParams.get('code')).toBeTruthy();
    const back = await finished(jar, answers[1]!);
    expect(back?.searchParams.get('state')).toBe('tab-b');
    expect(back?.searchParams.get('code')).toBeTruthy();
  });
});

/** Applies an answer's Set-Cookie lines to the jar as a browser does: a cookie set to expire at once goes. */
function applyAnswer(jar: Jar, host: string, answer: BrowserResponse): void {
  const cookies = jar.get(host) ?? new Map<string, string>();
  for (const line of ([] as string[]).concat(answer.headers['set-cookie'] ?? [])) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const expired = attributes.some((attribute) => {
      const [key = '', value = ''] = attribute.split('=');
      return (key.toLowerCase() === 'expires' && Date.parse(value) <= Date.now()) || (key.toLowerCase() === 'max-age' && Number(value) <= 0);
    });
    if (expired) cookies.delete(name);
    else cookies.set(name, pair.slice(pair.indexOf('=') + 1));
  }
  jar.set(host, cookies);
}

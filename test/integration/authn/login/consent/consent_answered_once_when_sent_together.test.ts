import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { addThirdPartyApp, answerConsent, consentFormOf } from '../../../../support/authn/third_party_app.js';

const emulator = useEmulator('alice');

/**
 * A request on the consent page is answered once even when its answers arrive together (a
 * double-click, Accept and Decline from two tabs of the same page): each request reads the session
 * as it was before the other took the answer out, so the session alone cannot tell them apart. Of
 * the answers exactly one goes to the application; the others get the page for an answered request.
 */
describeEachStore('consent answers sent together', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it('sends the application one answer, a code or access_denied, never both', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const { page } = await browser.follow(app.authorizeUrl({ connection: 'fitbit', state: 'together' }), CLIENT_CALLBACK);
    const form = consentFormOf(page!);

    const answers = await Promise.all((['accept', 'decline', 'accept', 'decline'] as const).map((decision) => answerConsent(fitgate, browser, form, decision)));

    const toApplication = answers.filter((answer) => answer.location?.href.startsWith(CLIENT_CALLBACK));
    expect(toApplication.map((answer) => answer.location?.href)).toHaveLength(1);
    const refused = answers.filter((answer) => !toApplication.includes(answer));
    expect(refused.map((answer) => [answer.status, answer.text.includes('Nothing is waiting for your answer')])).toEqual([
      [400, true],
      [400, true],
      [400, true],
    ]);
  });
});

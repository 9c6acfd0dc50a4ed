import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import type { BrowserResponse } from '../../../../support/authn/browser.js';
import { addThirdPartyApp, answerConsent, consentFormOf, type ConsentForm } from '../../../../support/authn/third_party_app.js';

const emulator = useEmulator('alice');

/**
 * The consent page is a step of the login that cannot be stepped around: an answer counts only from
 * the browser whose sign-in it waits for, with the page's own form token, and once. Whatever is
 * refused gets a page a person can read (never a 500, never the application's redirect_uri), and a
 * refused answer leaves the person's own form working.
 */
describeEachStore('consent answers refused', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** A login of a new third-party application, stopped at its consent page (each test's own: an Accept is remembered). */
  async function waitingConsent() {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const { page } = await browser.follow(app.authorizeUrl({ connection: 'fitbit', state: 'waiting' }), CLIENT_CALLBACK);
    if (!page) throw new Error('the login did not stop at the consent page');
    return { browser, form: consentFormOf(page) };
  }

  function expectReadablePage(answer: BrowserResponse, status: number, heading: string): void {
    expect(answer.status).toBe(status);
    expect(answer.location).toBeUndefined();
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain(heading);
    expect(answer.text).not.toMatch(/at .*\.ts:\d+/);
  }

  it('refuses an Accept with a wrong form token with a page, and the right one still works', async () => {
    const { browser, form } = await waitingConsent();
    const forged = await answerConsent(fitgate, browser, form, 'accept', 'x'.repeat(form.csrf.length));
    expectReadablePage(forged, 403, 'This form has expired');
    const missing = await browser.post(new URL(form.action, fitgate.tenantUrl).href, { consent: form.consent, decision: 'accept' });
    expectReadablePage(missing, 403, 'This form has expired');

    const own = await answerConsent(fitgate, browser, form, 'accept');
    expect(own.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(own.location?.searchParams.get('code')).toBeTruthy();
  });

  it('refuses an Accept from a browser without the pending login, even with the right id and token', async () => {
    const { form } = await waitingConsent();
    const stranger = await answerConsent(fitgate, fitgate.browser(), form, 'accept');
    expectReadablePage(stranger, 400, 'Nothing is waiting for your answer');

    const signedInElsewhere = fitgate.browser();
    await signedInElsewhere.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const otherSession = await answerConsent(fitgate, signedInElsewhere, form, 'accept');
    expectReadablePage(otherSession, 400, 'Nothing is waiting for your answer');
  });

  it('answers once: a replayed Accept, or the page opened again, gets a page', async () => {
    const { browser, form } = await waitingConsent();
    const first = await answerConsent(fitgate, browser, form, 'accept');
    expect(first.location?.searchParams.get('code')).toBeTruthy();

    const replay = await answerConsent(fitgate, browser, form, 'accept');
    expectReadablePage(replay, 400, 'Nothing is waiting for your answer');
    const reopened = await browser.get(new URL(`/login/consent?consent=${encodeURIComponent(form.consent)}`, fitgate.tenantUrl));
    expectReadablePage(reopened, 400, 'Nothing is waiting for your answer');
  });

  it('answers a made-up consent id, or none, with a page', async () => {
    const { browser } = await waitingConsent();
    const made: ConsentForm = { action: '/login/consent', consent: 'made-up', csrf: 'made-up' };
    expectReadablePage(await answerConsent(fitgate, browser, made, 'accept'), 400, 'Nothing is waiting for your answer');
    expectReadablePage(await browser.get(new URL('/login/consent', fitgate.tenantUrl)), 400, 'Nothing is waiting for your answer');
  });

  it('refuses an answer that is neither Accept nor Decline without spending the request', async () => {
    const { browser, form } = await waitingConsent();
    const odd = await browser.post(new URL(form.action, fitgate.tenantUrl).href, { consent: form.consent, _csrf: form.csrf, decision: 'maybe' });
    expectReadablePage(odd, 400, 'Accept or Decline');
    const declined = await answerConsent(fitgate, browser, form, 'decline');
    expect(declined.location?.searchParams.get('error')).toBe('access_denied');
    expect(declined.location?.searchParams.get('state')).toBe('waiting');
  });
});

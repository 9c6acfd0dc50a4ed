import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import type { Browser } from '../../../../support/authn/browser.js';
import { addThirdPartyApp, answerConsent, consentFormOf, THIRD_PARTY_NAME, type ThirdPartyApp } from '../../../../support/authn/third_party_app.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A third-party application (is_first_party: false) gets nothing of a user until that person
 * accepted what it asks for on fitgate's consent page, as at Auth0: after the upstream login and
 * from single sign-on alike. What was accepted is not asked again; prompt=consent asks again;
 * prompt=none answers consent_required; Decline answers access_denied. First-party applications
 * never see the page.
 */
describeEachStore('third-party application consent', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** Follows a login of `app` to wherever it stops: the consent page, or the application. */
  const start = (browser: Browser, app: ThirdPartyApp, params: Record<string, string> = {}) => browser.follow(app.authorizeUrl({ connection: 'fitbit', ...params }), CLIENT_CALLBACK);

  it('shows the consent page before any code, naming the application as text, the tenant and each scope, and Accept issues a code that redeems for tokens', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const { page, hops, arrivedAt } = await start(browser, app, { state: 'accept-me' });

    expect(arrivedAt).toBeUndefined();
    expect(hops.some((hop) => hop.href.startsWith(CLIENT_CALLBACK))).toBe(false);
    expect(page?.status).toBe(200);
    expect(hops.at(-1)?.pathname).toBe('/login/consent');
    expect(page?.text).toContain('Partner &lt;b&gt;Fit&lt;/b&gt; &amp; Co');
    expect(page?.text).not.toContain(THIRD_PARTY_NAME);
    expect(page?.text).toContain(fitgate.tenant);
    for (const scope of ['Know who you are', 'Your profile', 'Your email address', 'Stay connected when you are away']) expect(page?.text).toContain(scope);
    // The answer ends at the application: the page's form may lead there, and nowhere else.
    expect(page?.headers['content-security-policy']).toMatch(/form-action 'self' https:\/\/app\.example(;|$)/);

    const answer = await answerConsent(fitgate, browser, consentFormOf(page!), 'accept');
    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('state')).toBe('accept-me');
    const code = answer.location?.searchParams.get('code') ?? '';
    const tokens = await app.redeem(code);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ id_token: expect.any(String), access_token: expect.any(String), refresh_token: expect.any(String) });

    const user = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(user?.grants?.find((grant) => grant.clientId === app.client.clientId)?.scope).toEqual(['openid', 'profile', 'email', 'offline_access']);
  });

  it('does not ask again for what was accepted: the next login, and single sign-on, answer at once', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const { page } = await start(browser, app);
    await answerConsent(fitgate, browser, consentFormOf(page!), 'accept');

    const again = await start(fitgate.browser(), app, { state: 'second' });
    expect(again.arrivedAt?.searchParams.get('code')).toBeTruthy();
    expect(again.arrivedAt?.searchParams.get('state')).toBe('second');

    const fromSession = await browser.get(app.authorizeUrl({ state: 'sso' }));
    expect(fromSession.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(fromSession.location?.searchParams.get('code')).toBeTruthy();
  });

  it('asks for a scope beyond those accepted, and keeps what was accepted before', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const first = await start(browser, app, { scope: 'openid profile' });
    await answerConsent(fitgate, browser, consentFormOf(first.page!), 'accept');

    const wider = await browser.follow(app.authorizeUrl({ scope: 'openid email' }), CLIENT_CALLBACK);
    expect(wider.page?.status).toBe(200);
    expect(wider.page?.text).toContain('Your email address');
    expect(wider.page?.text).not.toContain('Your profile');
    const answer = await answerConsent(fitgate, browser, consentFormOf(wider.page!), 'accept');
    expect(answer.location?.searchParams.get('code')).toBeTruthy();

    const user = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(user?.grants?.find((grant) => grant.clientId === app.client.clientId)?.scope).toEqual(['openid', 'profile', 'email']);
  });

  it('sends access_denied with the state when the person declines, and records no grant', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const { page } = await start(browser, app, { state: 'say-no' });
    const answer = await answerConsent(fitgate, browser, consentFormOf(page!), 'decline');

    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('error')).toBe('access_denied');
    expect(answer.location?.searchParams.get('state')).toBe('say-no');
    expect(answer.location?.searchParams.get('code')).toBeNull();
    const user = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(user?.grants?.some((grant) => grant.clientId === app.client.clientId) ?? false).toBe(false);
  });

  it('asks again with prompt=consent, even for what was accepted', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const { page } = await start(browser, app);
    await answerConsent(fitgate, browser, consentFormOf(page!), 'accept');

    const forced = await start(browser, app, { prompt: 'consent', state: 'forced' });
    expect(forced.arrivedAt).toBeUndefined();
    expect(forced.page?.status).toBe(200);
    const answer = await answerConsent(fitgate, browser, consentFormOf(forced.page!), 'accept');
    expect(answer.location?.searchParams.get('code')).toBeTruthy();
    expect(answer.location?.searchParams.get('state')).toBe('forced');
  });

  it('asks a person signed in at the tenant before single sign-on answers, and answers prompt=none with consent_required', async () => {
    const app = await addThirdPartyApp(fitgate);
    const browser = fitgate.browser();
    const signedIn = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(signedIn.arrivedAt?.searchParams.get('code')).toBeTruthy();

    const silent = await browser.get(app.authorizeUrl({ prompt: 'none', state: 'quiet' }));
    expect(silent.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(silent.location?.searchParams.get('error')).toBe('consent_required');
    expect(silent.location?.searchParams.get('state')).toBe('quiet');
    expect(silent.location?.searchParams.get('code')).toBeNull();

    const sso = await browser.get(app.authorizeUrl({ state: 'sso' }));
    expect(sso.status).toBe(303);
    expect(sso.location?.pathname).toBe('/login/consent');
    const page = await browser.get(sso.location!);
    const answer = await answerConsent(fitgate, browser, consentFormOf(page), 'accept');
    expect(answer.location?.searchParams.get('state')).toBe('sso');
    expect(answer.location?.searchParams.get('code')).toBeTruthy();

    const nowAllowed = await browser.get(app.authorizeUrl({ prompt: 'none', state: 'quiet-again' }));
    expect(nowAllowed.location?.searchParams.get('code')).toBeTruthy();
  });

  it('shows no consent page to first-party applications, after a login or from the session', async () => {
    const browser = fitgate.browser();
    const login = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(login.arrivedAt?.searchParams.get('code')).toBeTruthy();
    expect(login.hops.some((hop) => hop.pathname === '/login/consent')).toBe(false);
    const forced = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', prompt: 'consent' }), CLIENT_CALLBACK);
    expect(forced.arrivedAt?.searchParams.get('code')).toBeTruthy();
    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none' }));
    expect(silent.location?.searchParams.get('code')).toBeTruthy();
  });
});

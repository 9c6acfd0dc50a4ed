import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page, Response } from 'playwright-core';
import { SANDBOX_PATH } from '../../src/upstream/sandbox_upstream.js';
import { startBrowserFitgate, type BrowserFitgate } from '../browser/browser_fitgate.js';
import { BROWSER_TIMEOUT_MS, describeWithBrowser, launchBrowser, type TestBrowser } from '../support/browser.js';
import { registerSpa, startSpaApp, type SpaApp } from '../support/compat/spa_app.js';

/**
 * @auth0/auth0-spa-js unchanged, in Chromium, where it counts on Auth0's exact behaviour:
 * logout() with no arguments sends only client_id and expects the first Allowed Logout URL, and
 * useRefreshTokensFallback falls back to an iframe only on "invalid refresh token" in the message.
 */
const ALICE = 'fitbit|alice-4f1c2b7e';

/** What the functions run inside the page see (the tests compile without the DOM library). */
interface AppWindow {
  auth0: { Auth0Client: new (options: Record<string, unknown>) => SpaClient };
  spa: SpaClient;
  rt?: SpaClient;
  localStorage: { key(index: number): string | null; getItem(key: string): string | null; length: number };
  location: { origin: string };
  history: { replaceState(data: null, unused: string, url: string): void };
}

interface SpaClient {
  loginWithRedirect(): Promise<void>;
  handleRedirectCallback(): Promise<unknown>;
  logout(): Promise<void>;
  getTokenSilently(options?: Record<string, unknown>): Promise<string>;
  getUser(): Promise<{ sub?: string } | undefined>;
}

describeWithBrowser('@auth0/auth0-spa-js: logout() without arguments and the refresh token fallback', () => {
  let fitgate: BrowserFitgate;
  let spa: SpaApp;
  let clientId = '';
  const browsers: TestBrowser[] = [];
  /** The app's first Allowed Logout URL: its own page, marked so that landing there is told apart from the origin. */
  const signedOutUrl = () => `${spa.url}/?signed-out=1`;

  beforeAll(async () => {
    fitgate = await startBrowserFitgate({});
    spa = await startSpaApp(() => ({ domain: fitgate.url, clientId }));
    // The first one is where logout() without returnTo must land.
    clientId = await registerSpa(fitgate.store, spa.url, [signedOutUrl(), spa.url]);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await spa?.close();
    await fitgate?.close();
  });

  async function openApp(): Promise<Page> {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.context.newPage();
    await page.goto(spa.url);
    await page.waitForFunction(() => 'spa' in globalThis);
    return page;
  }

  /** From fitgate's Universal Login page: Continue with Fitbit, then allow as alice at the sandbox; back at the app. */
  async function logInAsAlice(page: Page): Promise<void> {
    await page.waitForURL(`${fitgate.url}/authorize?**`);
    await page.getByRole('link', { name: 'Continue with Fitbit' }).click();
    await page.waitForURL(`${fitgate.url}${SANDBOX_PATH}/**`);
    await page.getByLabel('Sign in as test user').selectOption('alice');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${spa.url}/?code=**`);
  }

  it(
    'logout() with no arguments ends the fitgate session and lands on the first Allowed Logout URL',
    async () => {
      const page = await openApp();
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await logInAsAlice(page);
      await page.evaluate(async () => {
        await (globalThis as unknown as AppWindow).spa.handleRedirectCallback();
      });

      const logout = page.waitForRequest((request) => request.url().startsWith(`${fitgate.url}/v2/logout?`));
      await page.evaluate(() => {
        void (globalThis as unknown as AppWindow).spa.logout();
      });
      const sent = new URL((await logout).url());
      expect(sent.searchParams.get('client_id')).toBe(clientId);
      expect(sent.searchParams.get('returnTo')).toBeNull();
      await page.waitForURL(signedOutUrl());

      // The session is gone: silent login now answers login_required.
      await page.goto(spa.url);
      await page.waitForFunction(() => 'spa' in globalThis);
      const silent = await page.evaluate(() =>
        (globalThis as unknown as AppWindow).spa.getTokenSilently().then(
          () => 'token',
          (error: { error?: string }) => error.error ?? 'error',
        ),
      );
      expect(silent).toBe('login_required');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'with useRefreshTokensFallback, a revoked refresh token is answered so that the SDK falls back to silent login in an iframe',
    async () => {
      const page = await openApp();
      // An app with refresh tokens kept in localStorage, so the test can revoke the one it holds.
      const makeClient = () =>
        page.evaluate((settings) => {
          const app = globalThis as unknown as AppWindow;
          app.rt = new app.auth0.Auth0Client({
            ...settings,
            useRefreshTokens: true,
            useRefreshTokensFallback: true,
            cacheLocation: 'localstorage',
            authorizationParams: { redirect_uri: app.location.origin },
          });
        }, { domain: fitgate.url, clientId });
      await makeClient();
      await page.evaluate(() => {
        void (globalThis as unknown as AppWindow).rt!.loginWithRedirect();
      });
      await logInAsAlice(page);
      await page.waitForFunction(() => 'spa' in globalThis);
      await makeClient();
      await page.evaluate(async () => {
        const app = globalThis as unknown as AppWindow;
        await app.rt!.handleRedirectCallback();
        app.history.replaceState(null, '', '/');
      });

      const refreshToken = await page.evaluate(() => {
        const storage = (globalThis as unknown as AppWindow).localStorage;
        for (let index = 0; index < storage.length; index += 1) {
          const entry = JSON.parse(storage.getItem(storage.key(index) ?? '') ?? 'null') as { body?: { refresh_token?: string } } | null;
          if (entry?.body?.refresh_token) return entry.body.refresh_token;
        }
        return undefined;
      });
      expect(refreshToken).toEqual(expect.any(String));
      const revoked = await fetch(`${fitgate.url}/oauth/revoke`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, token: refreshToken! }),
      });
      expect(revoked.status).toBe(200);

      const refreshes: Response[] = [];
      page.on('response', (response) => {
        if (response.url() === `${fitgate.url}/oauth/token` && (response.request().postData() ?? '').includes('refresh_token')) refreshes.push(response);
      });
      const iframes: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${fitgate.url}/authorize?`) && request.frame() !== page.mainFrame()) iframes.push(request.url());
      });

      const outcome = await page.evaluate(() =>
        (globalThis as unknown as AppWindow).rt!.getTokenSilently({ cacheMode: 'off' }).then(
          () => 'token',
          (error: { error?: string; message?: string }) => `${error.error}: ${error.message}`,
        ),
      );
      expect(outcome).toBe('token');
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]!.status()).toBe(400);
      expect(await refreshes[0]!.json()).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      expect(iframes).toHaveLength(1);
      expect(new URL(iframes[0]!).searchParams.get('prompt')).toBe('none');
      expect((await page.evaluate(() => (globalThis as unknown as AppWindow).rt!.getUser()))?.sub).toBe(ALICE);
    },
    BROWSER_TIMEOUT_MS,
  );
});

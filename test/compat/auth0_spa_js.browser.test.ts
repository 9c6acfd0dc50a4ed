import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { SANDBOX_PATH } from '../../src/upstream/sandbox_upstream.js';
import { startBrowserFitgate, type BrowserFitgate } from '../browser/browser_fitgate.js';
import { BROWSER_TIMEOUT_MS, collectPageErrors, describeWithBrowser, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { registerSpa, startSpaApp, type SpaApp } from '../support/compat/spa_app.js';

/**
 * @auth0/auth0-spa-js unchanged, in Chromium, with its default options: no refresh tokens, tokens
 * cached in memory. Such an app stays signed in across a reload only through silent login: a hidden
 * iframe to /authorize?prompt=none&response_mode=web_message, answered by a page that posts the
 * code to the app. The app runs on another port of localhost: another origin on the same site, so
 * fitgate's SameSite=Lax session cookie goes with the iframe's request, as it does for an app at
 * app.example.com beside fitgate at id.example.com.
 */
const ALICE = 'fitbit|alice-4f1c2b7e';

interface SpaUser {
  sub?: string;
  name?: string;
}

/** What the app's page holds, as the functions run inside it see it (the tests compile without the DOM library). */
interface AppWindow {
  spa: {
    handleRedirectCallback(): Promise<unknown>;
    isAuthenticated(): Promise<boolean>;
    checkSession(): Promise<void>;
    getUser(): Promise<SpaUser | undefined>;
  };
  popupOutcome?: string;
  history: { replaceState(data: null, unused: string, url: string): void };
}

describeWithBrowser('@auth0/auth0-spa-js with its default options', () => {
  let fitgate: BrowserFitgate;
  let spa: SpaApp;
  let clientId = '';
  const browsers: TestBrowser[] = [];

  beforeAll(async () => {
    fitgate = await startBrowserFitgate({});
    spa = await startSpaApp(() => ({ domain: fitgate.url, clientId }));
    clientId = await registerSpa(fitgate.store, spa.url, [spa.url]);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await spa?.close();
    await fitgate?.close();
  });

  /** A page of the app in a browser of its own (no fitgate session yet), and the script errors it reports. */
  async function openApp(): Promise<{ page: Page; errors: string[] }> {
    const browser = await launchBrowser();
    browsers.push(browser);
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(spa.url);
    await page.waitForFunction(() => 'spa' in globalThis);
    return { page, errors };
  }

  /** From fitgate's Universal Login page: Continue with Fitbit, then allow as alice at the sandbox. */
  async function logInAsAlice(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Continue with Fitbit' }).click();
    await page.waitForURL(`${fitgate.url}${SANDBOX_PATH}/**`);
    await page.getByLabel('Sign in as test user').selectOption('alice');
    await page.getByRole('button', { name: 'Allow' }).click();
  }

  const user = (page: Page) => page.evaluate(() => (globalThis as unknown as AppWindow).spa.getUser());

  it(
    'logs in with loginWithRedirect, and after a reload checkSession() signs the user in again silently, without leaving the page',
    async () => {
      const { page, errors } = await openApp();
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.waitForURL(`${fitgate.url}/authorize?**`);
      await logInAsAlice(page);
      await page.waitForURL(`${spa.url}/?code=**`);
      const signedIn = await page.evaluate(async () => {
        const app = globalThis as unknown as AppWindow;
        await app.spa.handleRedirectCallback();
        app.history.replaceState(null, '', '/');
        return app.spa.isAuthenticated();
      });
      expect(signedIn).toBe(true);
      expect((await user(page))?.sub).toBe(ALICE);

      await page.reload();
      await page.waitForFunction(() => 'spa' in globalThis);
      // The in-memory cache went with the reload: only silent login can bring the user back.
      expect(await user(page)).toBeUndefined();
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
      const silent: Request[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${fitgate.url}/authorize?`)) silent.push(request);
      });

      const elapsedMs = await page.evaluate(async () => {
        const started = performance.now();
        await (globalThis as unknown as AppWindow).spa.checkSession();
        return performance.now() - started;
      });
      expect((await user(page))?.sub).toBe(ALICE);
      expect(elapsedMs).toBeLessThan(5_000);
      expect(navigations).toEqual([]);
      expect(silent).toHaveLength(1);
      const authorize = new URL(silent[0]!.url());
      expect(authorize.searchParams.get('prompt')).toBe('none');
      expect(authorize.searchParams.get('response_mode')).toBe('web_message');
      expect(silent[0]!.frame()).not.toBe(page.mainFrame());
      await screenshot(page, 'auth0-spa-js-silent-login');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'logs in with loginWithPopup from a fresh page: the popup ends on the page that posts the code to its opener',
    async () => {
      const { page, errors } = await openApp();
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Log in with a popup' }).click()]);
      await popup.waitForURL(`${fitgate.url}/authorize?**`);
      expect(new URL(popup.url()).searchParams.get('response_mode')).toBe('web_message');
      // The SDK closes the popup once the page there has posted the code to it.
      const closed = popup.waitForEvent('close');
      await logInAsAlice(popup);
      await closed;
      await page.waitForFunction(() => 'popupOutcome' in globalThis);
      expect(await page.evaluate(() => (globalThis as unknown as AppWindow).popupOutcome)).toBe('signed in');
      expect((await user(page))?.sub).toBe(ALICE);
      expect(page.url()).toBe(`${spa.url}/`);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});

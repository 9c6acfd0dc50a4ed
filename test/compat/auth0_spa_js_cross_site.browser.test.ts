import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { BROWSER_TIMEOUT_MS, collectPageErrors, describeWithBrowser, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { startSpaApp, type SpaApp } from '../support/compat/spa_app.js';

/**
 * @auth0/auth0-spa-js with its default options, on another site than fitgate: the app at
 * http://127.0.0.1:PORT, fitgate at https://localhost:PORT behind the test TLS proxy (hosts differ,
 * so the silent-login iframe is a third-party context). Under an https public URL fitgate's session
 * cookie is SameSite=None; Secure, so a browser that allows third-party cookies sends it in the
 * iframe and checkSession() signs the user in again after a reload (a SameSite=Lax cookie would
 * stay behind, and the iframe would answer login_required). This Chromium blocks third-party
 * cookies by default, as Safari and Brave do; there the user stays signed out, as with Auth0. The
 * token calls cross origins too, so they also need the app's origin in its Allowed Web Origins.
 */

interface SpaUser {
  sub?: string;
}

/** What the app's page holds, as the functions run inside it see it (the tests compile without the DOM library). */
interface AppWindow {
  spa: {
    loginWithRedirect(options: { authorizationParams: Record<string, string> }): Promise<void>;
    handleRedirectCallback(): Promise<unknown>;
    checkSession(): Promise<void>;
    getUser(): Promise<SpaUser | undefined>;
  };
  history: { replaceState(data: null, unused: string, url: string): void };
}

describeWithBrowser('@auth0/auth0-spa-js on another site than fitgate (https)', () => {
  let fitgate: FitgateBehindTls;
  let spa: SpaApp;
  let appUrl = '';
  let clientId = '';
  const browsers: TestBrowser[] = [];

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    spa = await startSpaApp(() => ({ domain: fitgate.publicUrl, clientId }));
    // The app's server listens on 127.0.0.1; reached by that name it is another site than localhost.
    appUrl = spa.url.replace('//localhost:', '//127.0.0.1:');
    const { client } = await fitgate.addClient({
      name: 'Cross-site SPA',
      appType: 'spa',
      callbacks: [appUrl],
      allowedLogoutUrls: [appUrl],
      webOrigins: [appUrl],
    });
    clientId = client.clientId;
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await spa?.close();
    await fitgate?.close();
  });

  /** A fresh browser on the app, logged in through fitgate with loginWithRedirect, then reloaded; the user's sub. */
  async function logInAndReload(allowThirdPartyCookies: boolean): Promise<{ page: Page; errors: string[]; sub: string | undefined }> {
    const browser = await launchBrowser({ ignoreHTTPSErrors: true, allowThirdPartyCookies });
    browsers.push(browser);
    const page = await browser.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(appUrl);
    await page.waitForFunction(() => 'spa' in globalThis);
    // Straight to the upstream (the emulator approves at once) and back to the app with a code.
    await page.evaluate(() => {
      void (globalThis as unknown as AppWindow).spa.loginWithRedirect({ authorizationParams: { connection: 'fitbit' } });
    });
    await page.waitForURL(`${appUrl}/?code=**`);
    // The code exchange is a cross-origin call as well: it needs the app's origin in web_origins.
    const sub = await page.evaluate(async () => {
      const app = globalThis as unknown as AppWindow;
      await app.spa.handleRedirectCallback();
      app.history.replaceState(null, '', '/');
      return (await app.spa.getUser())?.sub;
    });
    await page.reload();
    await page.waitForFunction(() => 'spa' in globalThis);
    // The in-memory cache went with the reload: only silent login can bring the user back.
    expect(await user(page)).toBeUndefined();
    return { page, errors, sub };
  }

  const user = (page: Page) => page.evaluate(() => (globalThis as unknown as AppWindow).spa.getUser());

  it(
    'signs the user in again after a reload through the silent-login iframe, where third-party cookies are allowed',
    async () => {
      const { page, errors, sub } = await logInAndReload(true);
      expect(sub).toMatch(/^fitbit\|/);
      const silent: Request[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${fitgate.publicUrl}/authorize?`)) silent.push(request);
      });

      await page.evaluate(() => (globalThis as unknown as AppWindow).spa.checkSession());
      expect((await user(page))?.sub).toBe(sub);
      expect(silent).toHaveLength(1);
      expect(new URL(silent[0]!.url()).searchParams.get('prompt')).toBe('none');
      expect(silent[0]!.frame()).not.toBe(page.mainFrame());
      await screenshot(page, 'auth0-spa-js-cross-site-silent-login');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'leaves the user signed out, without an error or a wait, where the browser blocks third-party cookies',
    async () => {
      const { page, errors, sub } = await logInAndReload(false);
      expect(sub).toMatch(/^fitbit\|/);
      const elapsedMs = await page.evaluate(async () => {
        const started = performance.now();
        await (globalThis as unknown as AppWindow).spa.checkSession();
        return performance.now() - started;
      });
      // login_required, which checkSession() swallows: the app shows its "Log in" button.
      expect(await user(page)).toBeUndefined();
      expect(elapsedMs).toBeLessThan(5_000);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});

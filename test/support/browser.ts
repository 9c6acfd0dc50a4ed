import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, headless, with a
 * fresh profile per launch and everything that would reach the network on its own switched off. A
 * suite that needs it uses describeWithBrowser(); without Chromium it is skipped loudly, or fails
 * with REQUIRE_BROWSER=1 (as CI sets).
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots land here (gitignored), one file per step, kept after the run for people to look at. */
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts');

/**
 * The bound on one browser test, or on a suite's beforeAll that starts fitgate and Chromium: far
 * above the jest default, since Chromium on the shared 2-core machine is slow to launch and render.
 */
export const BROWSER_TIMEOUT_MS = 60_000;

/** The bound on a browser test that also signs in upstream or walks several pages before it checks. */
export const LONG_BROWSER_TIMEOUT_MS = 90_000;

const available = existsSync(CHROMIUM_PATH);
const required = process.env.REQUIRE_BROWSER === '1';

export function describeWithBrowser(title: string, suite: () => void): void {
  if (available) {
    describe(title, suite);
  } else if (required) {
    describe(title, () => {
      it('needs Chromium, which is not installed', () => {
        throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} does not exist: apt-get install -y chromium`);
      });
    });
  } else {
    console.warn(
      `\n!!! SKIPPED "${title}": no Chromium at ${CHROMIUM_PATH}. ` +
        'Install it (apt-get install -y chromium) to run the browser tests (REQUIRE_BROWSER=1 turns this into a failure).\n',
    );
  }
}

export interface TestBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Lets the test inject scripts (axe-core through page.addScriptTag) into pages whose CSP forbids
   * inline scripts. Only for checks that read the page; every other test keeps the real CSP.
   */
  readonly bypassCSP?: boolean;
  /** Accepts the test certificate of fitgate behind the TLS proxy (test/support/compat/fitgate_behind_tls.ts). */
  readonly ignoreHTTPSErrors?: boolean;
  /**
   * Turns on third-party cookies in the profile, as a user may in Chrome's settings ("Allow
   * third-party cookies"). This Chromium blocks them by default, as Safari and Brave do.
   */
  readonly allowThirdPartyCookies?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'fitgate-chromium-'));
  if (options.allowThirdPartyCookies) {
    // cookie_controls_mode 0: allow third-party cookies (1 blocks them in incognito only, 2 always).
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: options.bypassCSP ?? false,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records every console error and uncaught page error of `page` (CSP violations are console
 * errors in Chromium), with the URL of the page it happened on. One thing is left out: Chromium's
 * own request for /favicon.ico, which pages do not make and which it reports as a failed load on
 * any site without one (the emulator's pages have none).
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    errors.push(`${page.url()}: ${message.text()}${source ? ` (${source})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startActivitySync } from '../../scripts/example/activity_sync.js';
import type { ChildService } from '../../scripts/example/child_service.js';
import { LONG_BROWSER_TIMEOUT_MS, collectPageErrors, describeWithBrowser, launchBrowser, screenshot, type TestBrowser } from '../support/browser.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';

/**
 * The trap a newcomer fell into: the tenant's Fitbit connection has no Client ID, so users sign in
 * through fitgate's sandbox, but the example reads data elsewhere (here a standalone emulator, which
 * refuses the sandbox's token with a 401 as Google would). The example must say so, naming
 * UPSTREAM_BASE_URL, and not show "Needs re-authorization", whose Reconnect would loop.
 */
describeWithBrowser('the example reading a sandbox token from another upstream', () => {
  const bootstrap = { clientId: 'example-sandbox-test', clientSecret: randomBytes(32).toString('base64url') };
  let otherUpstream: TestEmulator;
  let fitgate: BrowserFitgate;
  let example: ChildService;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    otherUpstream = await startTestEmulator();
    // NODE_ENV=test: the sandbox is on, and the Fitbit connection starts without credentials.
    fitgate = await startBrowserFitgate({ FITGATE_BOOTSTRAP_CLIENT_ID: bootstrap.clientId, FITGATE_BOOTSTRAP_CLIENT_SECRET: bootstrap.clientSecret });
    const seeded = await registerApplication(fitgate.url, bootstrap);
    example = await startActivitySync({
      root: process.cwd(),
      port: '0',
      fitgateUrl: fitgate.url,
      upstreamBaseUrl: otherUpstream.url,
      seeded,
      management: bootstrap,
      onLine: (line) => console.error(`[activity-sync] ${line}`),
    });
    await seeded.registerExampleUrl(example.url);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    errors = collectPageErrors(page);
  }, LONG_BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await example?.stop();
    await fitgate?.close();
    await otherUpstream?.close();
  });

  it(
    "says the token is from fitgate's sandbox and names UPSTREAM_BASE_URL, keeping the status Connected",
    async () => {
      await page.goto(`${example.url}/connections/fitbit`);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.waitForURL(`${fitgate.url}/_sandbox/**`);
      await page.getByLabel('Sign in as test user').selectOption('alice');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${example.url}/connections/fitbit`);

      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByText("this token is from fitgate's sandbox").waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(`this token is from fitgate's sandbox; set UPSTREAM_BASE_URL=${fitgate.url}/_sandbox`);
      expect(await page.locator('.status').textContent()).toBe('Connected');
      expect(await page.getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
      await screenshot(page, 'example-sandbox-token');

      // Nothing was remembered as refused: a fresh page load still says Connected.
      await page.goto(`${example.url}/connections/fitbit`);
      expect(await page.locator('.status').textContent()).toBe('Connected');
      expect(errors.filter((error) => !error.includes('status of 502'))).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});

/** The example's application in fitgate, with the tenant's Fitbit connection enabled for it as it is (no credentials). */
async function registerApplication(fitgateUrl: string, bootstrap: { clientId: string; clientSecret: string }) {
  const token = (await call('POST', `${fitgateUrl}/oauth/token`, undefined, {
    grant_type: 'client_credentials',
    client_id: bootstrap.clientId,
    client_secret: bootstrap.clientSecret,
    audience: `${fitgateUrl}/api/v2/`,
    scope: 'read:connections update:connections create:clients update:clients',
  })) as { access_token: string };
  const management = (method: string, path: string, body?: unknown) => call(method, `${fitgateUrl}/api/v2${path}`, token.access_token, body);
  const client = (await management('POST', '/clients', {
    name: 'Activity Sync',
    app_type: 'regular_web',
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
  })) as { client_id: string; client_secret: string };
  const [fitbit] = (await management('GET', '/connections?name=fitbit')) as { id: string; enabled_clients: string[] }[];
  await management('PATCH', `/connections/${encodeURIComponent(fitbit!.id)}`, { enabled_clients: [...fitbit!.enabled_clients, client.client_id] });
  return {
    clientId: client.client_id,
    clientSecret: client.client_secret,
    async registerExampleUrl(exampleUrl: string) {
      await management('PATCH', `/clients/${encodeURIComponent(client.client_id)}`, {
        callbacks: [`${exampleUrl}/callback`],
        allowed_logout_urls: [exampleUrl],
      });
    },
  };
}

async function call(method: string, url: string, bearer: string | undefined, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

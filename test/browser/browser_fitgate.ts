import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/app.js';
import { emulatedBy, inProcessSandbox } from '../../src/sandbox/sandbox.js';
import { loadConfig } from '../../src/config/index.js';
import { connectionPlugins } from '../../src/connections/registry.js';
import { bootstrap } from '../../src/domain/bootstrap.js';
import { createLogger } from '../../src/logging/index.js';
import { createSealer } from '../../src/store/sealing.js';
import type { Store } from '../../src/store/store.js';
import { BROWSER_TIMEOUT_MS, collectPageErrors, launchBrowser, type TestBrowser } from '../support/browser.js';
import { openSqliteTestStore } from '../support/stores.js';

/**
 * fitgate as `npm start` runs it (bootstrap, then the app), for a real browser: listening on
 * 127.0.0.1 with http://localhost:PORT as its public URL, so the browser and the upstream callback
 * use the same address. The port is taken first because the public URL must name it.
 */
export interface BrowserFitgate {
  /** e.g. "http://localhost:41234" */
  readonly url: string;
  readonly admin: { email: string; password: string };
  readonly store: Store;
  close(): Promise<void>;
}

export async function startBrowserFitgate(environment: Record<string, string>): Promise<BrowserFitgate> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
  const port = (server.address() as AddressInfo).port;

  const testStore = await openSqliteTestStore();
  const admin = { email: 'admin@browser.example', password: 'browser test password' };
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_DATA_DIR: testStore.location,
    FITGATE_PUBLIC_URL: `http://localhost:${port}`,
    FITGATE_ADMIN_EMAIL: admin.email,
    FITGATE_ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'silent',
    ...environment,
  });
  const sealer = createSealer(config.masterKeys);
  await bootstrap({ config, store: testStore.store, sealer, plugins: connectionPlugins() });
  const app = createApp({
    config,
    store: testStore.store,
    sealer,
    logger: createLogger({ level: 'silent' }),
    plugins: connectionPlugins(),
    internalBaseUrl: () => `http://127.0.0.1:${port}`,
    sandbox: inProcessSandbox(config, connectionPlugins(), () => `http://127.0.0.1:${port}`),
    emulated: emulatedBy(connectionPlugins()),
  });
  server.on('request', app);

  return {
    url: config.publicUrl,
    admin,
    store: testStore.store,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testStore.cleanup();
    },
  };
}

/** Signs in to the dashboard as the bootstrap admin and waits for the default tenant's overview. */
export async function signInToDashboard(page: Page, fitgate: BrowserFitgate): Promise<void> {
  await page.goto(`${fitgate.url}/manage/login`);
  await page.getByLabel('Email').fill(fitgate.admin.email);
  await page.getByLabel('Password').fill(fitgate.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${fitgate.url}/manage/t/default`);
}

/** A fresh browser with one page signed in to the dashboard, and the script errors that page reports. */
export async function openSignedInPage(fitgate: BrowserFitgate): Promise<{ browser: TestBrowser; page: Page; errors: string[] }> {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const errors = collectPageErrors(page);
  await signInToDashboard(page, fitgate);
  return { browser, page, errors };
}

export interface SignedInDashboardOptions {
  /** fitgate's environment, read when it starts (so it may name an emulator started before it). */
  readonly environment?: () => Record<string, string>;
  /** How long starting fitgate, Chromium and the sign-in may take. */
  readonly timeoutMs?: number;
}

/** fitgate, and a page of a fresh Chromium signed in to its dashboard, for the tests and later hooks of one file. */
export interface SignedInDashboard {
  readonly fitgate: BrowserFitgate;
  readonly page: Page;
  /** The script errors the page reported so far. */
  readonly errors: string[];
}

/**
 * Starts fitgate and a signed-in page in beforeAll and closes both in afterAll, for the file (or
 * describe) that calls it. The handle reads what is running, so use it inside tests and hooks only;
 * a later beforeAll of the file sees both started.
 */
export function useSignedInDashboard(options: SignedInDashboardOptions = {}): SignedInDashboard {
  let running: (SignedInDashboard & { browser: TestBrowser }) | undefined;
  const current = () => {
    if (!running) throw new Error('no signed-in dashboard: read it inside a test or hook of the file that called useSignedInDashboard()');
    return running;
  };

  beforeAll(async () => {
    const fitgate = await startBrowserFitgate(options.environment?.() ?? {});
    try {
      running = { fitgate, ...(await openSignedInPage(fitgate)) };
    } catch (error) {
      await fitgate.close();
      throw error;
    }
  }, options.timeoutMs ?? BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await running?.browser.close();
    await running?.fitgate.close();
    running = undefined;
  });

  return {
    get fitgate() {
      return current().fitgate;
    },
    get page() {
      return current().page;
    },
    get errors() {
      return current().errors;
    },
  };
}

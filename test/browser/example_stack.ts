import { randomBytes } from 'node:crypto';
import { startActivitySync } from '../../scripts/example/activity_sync.js';
import type { ChildService } from '../../scripts/example/child_service.js';
import { seedExampleTenant } from '../../scripts/example/seed.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';

/**
 * What `npm run example` runs, for the browser tests: the emulator and fitgate in-process, the
 * tenant seeded by the same code through the emulator's admin API and the Management API, and
 * Activity Sync as its own process (plain `node` on its entry point, port 0, its URL read from
 * its start-up line).
 */
export interface ExampleStack {
  readonly emulator: TestEmulator;
  readonly fitgate: BrowserFitgate;
  /** e.g. "http://localhost:41235" */
  readonly exampleUrl: string;
  close(): Promise<void>;
}

export interface ExampleStackOptions {
  /**
   * Where the example reads activity data (its UPSTREAM_BASE_URL); the emulator when absent.
   * Sign-in and token refresh always go through the emulator.
   */
  readonly dataUpstreamUrl?: string;
  /** The Fitbit connection's upstream; google-health unless told. */
  readonly api?: 'google-health' | 'fitbit-legacy';
  /** A secret the example is started with wrong, as a developer pasting it might. */
  readonly wrongSecret?: 'CLIENT_SECRET' | 'MANAGEMENT_CLIENT_SECRET';
}

const WRONG_SECRET = 'not-the-secret-fitgate-issued';

export async function startExampleStack(options: ExampleStackOptions = {}): Promise<ExampleStack> {
  const bootstrap = { clientId: 'example-browser-test', clientSecret: randomBytes(32).toString('base64url') };
  const emulator = await startTestEmulator();
  let fitgate: BrowserFitgate | undefined;
  let example: ChildService | undefined;
  try {
    fitgate = await startBrowserFitgate({
      FITGATE_UPSTREAM_BASE_URL: emulator.url,
      FITGATE_SANDBOX: 'off',
      FITGATE_BOOTSTRAP_CLIENT_ID: bootstrap.clientId,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: bootstrap.clientSecret,
    });
    const seeded = await seedExampleTenant({ fitgateUrl: fitgate.url, emulatorUrl: emulator.url, bootstrap, ...(options.api ? { api: options.api } : {}) });
    example = await startActivitySync({
      root: process.cwd(),
      port: '0',
      fitgateUrl: fitgate.url,
      upstreamBaseUrl: options.dataUpstreamUrl ?? emulator.url,
      seeded: options.wrongSecret === 'CLIENT_SECRET' ? { ...seeded, clientSecret: WRONG_SECRET } : seeded,
      management: options.wrongSecret === 'MANAGEMENT_CLIENT_SECRET' ? { ...bootstrap, clientSecret: WRONG_SECRET } : bootstrap,
      onLine: (line) => console.error(`[activity-sync] ${line}`),
    });
    await seeded.registerExampleUrl(example.url);
  } catch (error) {
    await example?.stop();
    await fitgate?.close();
    await emulator.close();
    throw error;
  }
  const started = { fitgate, example };
  return {
    emulator,
    fitgate: started.fitgate,
    exampleUrl: started.example.url,
    async close() {
      await started.example.stop();
      await started.fitgate.close();
      await emulator.close();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { generateSigningKey } from '../../../src/domain/signing_keys.js';
import type { SigningKey, Tenant } from '../../../src/domain/types.js';
import { createLogger } from '../../../src/logging/index.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/**
 * The whole fitgate app on a fresh embedded store, for supertest. Requests name their tenant with a
 * Host header (the base host is localhost:3000 unless the environment says otherwise); the log is
 * captured line by line in `logLines`.
 */
/** Jest timeout for hooks that open a store and generate keys while the whole suite runs on two cores. */
export const FIXTURE_TIMEOUT_MS = 120_000;

export interface TestApp {
  app: Express;
  deps: AppDeps;
  store: Store;
  config: Config;
  /** Every JSON line the app logged, in order. */
  logLines: string[];
  /** Adds a tenant to the store. Its signing key is real, and shared by the fixture's tenants (RSA key generation is slow). */
  addTenant(name: string, domains?: string[]): Promise<Tenant>;
  cleanup(): Promise<void>;
}

export async function startTestApp(environment: Record<string, string> = {}): Promise<TestApp> {
  const testStore: TestStore = await openSqliteTestStore();
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_DATA_DIR: testStore.location,
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
    ...environment,
  });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const sealer = createSealer(config.masterKeys);
  let signingKey: Promise<SigningKey> | undefined;
  const deps: AppDeps = {
    config,
    store: testStore.store,
    sealer,
    logger: createLogger({ level: config.logLevel, destination }),
    plugins: new Map(),
    internalBaseUrl: () => 'http://127.0.0.1:0',
  };
  return {
    app: createApp(deps),
    deps,
    store: testStore.store,
    config,
    logLines,
    async addTenant(name, domains = []) {
      signingKey ??= generateSigningKey(sealer);
      const tenant: Tenant = { name, domains, signingKeys: [await signingKey], createdAt: new Date().toISOString() };
      await testStore.store.tenants.create(tenant);
      return tenant;
    },
    cleanup: () => testStore.cleanup(),
  };
}

/**
 * The suite's app with the `default` tenant (host localhost:3000), started before its tests and
 * cleaned up after them: `const fixture = useDefaultTenantApp(); ... request(fixture().app)`.
 */
export function useDefaultTenantApp(): () => TestApp {
  let fixture: TestApp | undefined;
  beforeAll(async () => {
    fixture = await startTestApp();
    await fixture.addTenant('default');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture?.cleanup(), FIXTURE_TIMEOUT_MS);
  return () => {
    if (!fixture) throw new Error('the app starts in beforeAll: use it inside a test');
    return fixture;
  };
}

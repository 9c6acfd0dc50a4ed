import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { buildTenant } from '../../../src/domain/tenants.js';
import type { Tenant } from '../../../src/domain/types.js';
import { createLogger } from '../../../src/logging/index.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/**
 * The whole fitgate app on a fresh embedded store, for supertest. Requests name their tenant with a
 * Host header (the base host is localhost:3000 unless the environment says otherwise); the log is
 * captured line by line in `logLines`.
 */
export interface TestApp {
  app: Express;
  deps: AppDeps;
  store: Store;
  config: Config;
  /** Every JSON line the app logged, in order. */
  logLines: string[];
  /** Adds a tenant (with a real signing key) to the store. */
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
      const tenant = { ...(await buildTenant(name, sealer)), domains };
      await testStore.store.tenants.create(tenant);
      return tenant;
    },
    cleanup: () => testStore.cleanup(),
  };
}

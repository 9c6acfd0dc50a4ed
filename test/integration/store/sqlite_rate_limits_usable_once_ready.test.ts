import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap } from '../../../src/domain/bootstrap.js';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { createLogger } from '../../../src/logging/index.js';
import { openStore } from '../../../src/store/open_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import { SHORT_LIVED_DATABASE_FILE } from '../../../src/store/sqlite/short_lived_schema.js';
import type { Store } from '../../../src/store/store.js';
import { clientCredentials as requestClientCredentials } from '../http/bootstrap_token.js';
import { captureLogLines } from '../../support/log_capture.js';
import { readinessOnceChanged } from '../../support/readiness.js';
import { holdWriteLockInChild, type HeldLock } from './lock_holder.js';

const HOST = 'localhost:3000';
const BOOTSTRAP = { id: 'limits-ready-automation', secret: 'limits-ready-automation-secret-0123456789abcdef' };
/** Between two looks at the limiter while its batch waits for the lock. */
const LIMITER_POLL_MS = 10;
/** A batch gives up on a held lock after LOCK_WAIT_MS (1 s); far longer means it never met the lock. */
const LIMITER_DOWN_WITHIN_MS = 5000;

/**
 * Once /health/ready answers 200 after another process held the short-lived file's write lock past
 * the wait (a batch of rate-limit hits refused), a rate-limited request is served: the limiter,
 * which refuses every hit with the store's error once one of its batches failed, is usable again by
 * then, not at its own next batch some 100 ms later. The same for the ping with which the cluster
 * primary asks each worker (FITGATE_WORKERS) whether it is ready.
 */
describe('rate limits once readiness says the embedded store is writable again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-limits-ready-'));
  let store: Store;
  let app: Express;

  const clientCredentials = () => requestClientCredentials(app, HOST, BOOTSTRAP);

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      FITGATE_DATA_DIR: dataDir,
      FITGATE_PUBLIC_URL: `http://${HOST}`,
      FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      FITGATE_SESSION_SECRETS: 's'.repeat(48),
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
      FITGATE_RATE_LIMITS: 'on',
    });
    const logger = createLogger({ level: 'info', destination: captureLogLines().destination });
    store = await openStore(config, logger);
    const sealer = createSealer(config.masterKeys);
    await bootstrap({ config, store, sealer, plugins: connectionPlugins() });
    app = createApp({ config, store, sealer, logger, plugins: new Map(), internalBaseUrl: () => 'http://127.0.0.1:0' });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const probe = () => store.batchedRateLimiter({ keyPrefix: 'lock_probe', points: 1_000_000, durationSeconds: 60 });

  /** Takes the short-lived file's write lock in another process and waits until the limiter refuses every hit for the store. */
  async function limiterDown(): Promise<HeldLock> {
    const holder = await holdWriteLockInChild(join(dataDir, SHORT_LIVED_DATABASE_FILE));
    const deadline = Date.now() + LIMITER_DOWN_WITHIN_MS;
    let refusal: unknown;
    while (refusal === undefined && Date.now() < deadline) {
      refusal = await probe().consume('probe').then(() => undefined, (error: unknown) => error);
      if (refusal === undefined) await delay(LIMITER_POLL_MS);
    }
    if (!(refusal instanceof StoreUnavailableError)) await holder.release();
    expect(refusal).toBeInstanceOf(StoreUnavailableError);
    return holder;
  }

  /**
   * Lets the lock go and probes /health/ready until it answers 200. No probe while the lock is
   * held: a failed check answers probes for READY_REUSE_MS, long enough for the limiter's own retry
   * to succeed before a fresh check ran. Probed as soon as the lock is free, readiness is asked
   * within the interval before that retry.
   */
  async function readyAgain(holder: HeldLock): Promise<void> {
    await holder.release();
    const ready = await readinessOnceChanged(
      () => request(app).get('/health/ready'),
      (answer) => answer.status === 200,
    );
    expect(ready.status).toBe(200);
  }

  it('serves the first rate-limited request after /health/ready turns 200', async () => {
    expect((await clientCredentials()).status).toBe(200);
    // The limiter retries every 100 ms by itself, and readiness lands at a random point of that
    // interval: each round would miss a limiter left to its own retry some of the time, three
    // rounds almost never.
    for (const round of [1, 2, 3]) {
      const holder = await limiterDown();
      await readyAgain(holder);
      const next = await clientCredentials();
      expect({ round, status: next.status, body: next.status === 200 ? 'a token' : (next.body as unknown) }).toEqual({ round, status: 200, body: 'a token' });
    }
  }, 60_000);

  it("answers a worker's readiness ping only once the rate limits count again", async () => {
    for (const round of [1, 2, 3]) {
      const holder = await limiterDown();
      try {
        expect({ round, ping: await store.ping().then(() => 'answered', (error: unknown) => error) }).toEqual({ round, ping: expect.any(StoreUnavailableError) });
      } finally {
        await holder.release();
      }
      await store.ping();
      expect({ round, hit: await probe().consume('probe').then(() => 'counted', (error: unknown) => error) }).toEqual({ round, hit: 'counted' });
    }
  }, 60_000);
});

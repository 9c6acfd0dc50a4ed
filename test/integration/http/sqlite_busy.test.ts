import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import Database from 'libsql';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap } from '../../../src/domain/bootstrap.js';
import { createLogger } from '../../../src/logging/index.js';
import { openStore } from '../../../src/store/open_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import { DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';
import { bootstrapToken } from './bootstrap_token.js';

/**
 * Several processes on one embedded database (a second instance, cluster workers, the admin CLI):
 * a write that finds the file locked waits briefly (busy_timeout) and then, rather than holding
 * the request, is answered 503 temporarily_unavailable in the route's format. The brief wait itself
 * is test/integration/store/sqlite_lock_busy_wait.test.ts: only a write asked for synchronously
 * right after the holder's cue is sure to meet the lock, which a request through the app is not.
 */

const HOST = 'localhost:3000';
const BOOTSTRAP = { id: 'busy-automation', secret: 'busy-automation-secret-0123456789abcdef' };

describe('the embedded database locked by another process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-busy-'));
  let store: Store;
  let app: Express;
  let token: string;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      FITGATE_DATA_DIR: dataDir,
      FITGATE_PUBLIC_URL: `http://${HOST}`,
      FITGATE_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      FITGATE_SESSION_SECRETS: 's'.repeat(48),
      FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.id,
      FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.secret,
    });
    const logger = createLogger({ level: 'info', destination: captureLogLines().destination });
    store = await openStore(config, logger);
    const sealer = createSealer(config.masterKeys);
    await bootstrap({ config, store, sealer, plugins: connectionPlugins() });
    app = createApp({ config, store, sealer, logger, plugins: new Map(), internalBaseUrl: () => 'http://127.0.0.1:0' });
    token = await bootstrapToken(app, HOST, BOOTSTRAP);
  }, 60_000);

  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const createClient = (name: string) =>
    request(app)
      .post('/api/v2/clients')
      .set('Host', HOST)
      .set('Authorization', `Bearer ${token}`)
      .send({ name, app_type: 'regular_web', callbacks: ['https://app.example.com/callback'] });

  it('answers 503 temporarily_unavailable within 2 s when the lock is held longer, and writes again once it is released', async () => {
    // The earlier requests' log events wait in a batch; committed by its timer while the lock is
    // held, they would wait out a busy timeout of their own inside this request's 2 s.
    (store as SqliteStore).logs.flush();
    const other = new Database(join(dataDir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    let response: request.Response;
    const started = Date.now();
    try {
      response = await createClient('refused while locked');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringMatching(/try again/i),
      errorCode: 'temporarily_unavailable',
    });
    expect((await createClient('written once released')).status).toBe(201);
  });
});

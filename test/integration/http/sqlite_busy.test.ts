import { spawn } from 'node:child_process';
import { once } from 'node:events';
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
import { BUSY_TIMEOUT_MS, DATABASE_FILE } from '../../../src/store/sqlite/database.js';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';
import { bootstrapToken } from './bootstrap_token.js';

/**
 * Several processes on one embedded database (a second instance, cluster workers, the admin CLI):
 * a write that finds the file locked waits briefly (busy_timeout) and then, rather than holding
 * the request, is answered 503 temporarily_unavailable in the route's format.
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

  it('waits for a lock another process releases within the busy timeout, and the write succeeds', async () => {
    const holdMs = Math.round(BUSY_TIMEOUT_MS / 4);
    // A separate process: SQLite's busy wait blocks this one's event loop, so only another process can let go meanwhile.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'libsql';
         const db = new Database(${JSON.stringify(join(dataDir, DATABASE_FILE))});
         db.exec('BEGIN IMMEDIATE');
         process.stdout.write('locked\\n');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // Listened for now: the holder may well have exited by the time the request's answer is read.
    const exited = once(holder, 'exit');
    await once(holder.stdout!, 'data');
    const response = await createClient('written after a short wait');
    await exited;
    expect(response.status).toBe(201);
  });

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

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { openStore } from '../../../src/store/open_store.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { deleteKeysWithPrefix, describeWithRedis, redisUrl, uniquePrefix } from '../../support/redis.js';

const secrets = { FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), FITGATE_SESSION_SECRETS: 'x'.repeat(32) };

/** A loopback port with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('openStore', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-open-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('opens the embedded store in FITGATE_DATA_DIR when REDIS_URL is not set', async () => {
    const store = await openStore(loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir }));
    try {
      expect(store).toBeInstanceOf(SqliteStore);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('fails at once with a message naming REDIS_URL, and no password, when Redis does not answer', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await closedPort()}`;
    const config = loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir, REDIS_URL: url, ...secrets });
    const failure = await openStore(config).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^cannot connect to Redis at REDIS_URL \(redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\)/);
    expect((failure as Error).message).not.toContain('hunter2');
  });

  it('rejects with a message naming FITGATE_DATA_DIR when the embedded database cannot be opened', async () => {
    const notADirectory = join(dataDir, 'fitgate.db');
    const failure = await openStore(loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: notADirectory, ...secrets })).catch(
      (error: unknown) => error as Error,
    );
    expect((failure as Error).message).toMatch(/^cannot open the embedded database in FITGATE_DATA_DIR/);
  });
});

describeWithRedis('openStore with REDIS_URL', () => {
  const prefix = uniquePrefix('open_store');
  afterAll(async () => {
    await deleteKeysWithPrefix(prefix);
  });

  it('opens the Redis store under the configured prefix', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: redisUrl,
      FITGATE_REDIS_PREFIX: prefix,
      ...secrets,
    });
    const store = await openStore(config);
    try {
      expect(store).toBeInstanceOf(RedisStore);
      await store.ephemeral.put('ticket', 'k', 'v', 60);
      expect((store as RedisStore).keys.prefix).toBe(prefix);
      expect(await (store as RedisStore).client.get(`${prefix}ticket:k`)).toBe('"v"');
    } finally {
      await store.close();
    }
  });
});

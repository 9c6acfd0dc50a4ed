import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { loadConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/index.js';
import { openRedisStore } from '../../../src/store/redis/open_redis_store.js';
import type { RedisStore } from '../../../src/store/redis/redis_store.js';
import { captureLogLines } from '../../support/log_capture.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * An operator's `CONFIG SET maxmemory-policy allkeys-lru` on a running Redis makes it evict
 * fitgate's records; fitgate reads the settings again while connected, so the warning is logged
 * and /health/ready's report changes without waiting for a reconnect.
 */
describeWithRedisServer('Redis settings changed while fitgate runs', () => {
  let server: OwnRedisServer;
  let store: RedisStore;
  const log = captureLogLines();

  beforeAll(async () => {
    server = await startOwnRedisServer(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes', '--appendfsync', 'everysec']);
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: server.url,
      FITGATE_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      FITGATE_SESSION_SECRETS: 'r'.repeat(32),
    });
    const logger = createLogger({ level: 'info', destination: log.destination });
    store = await openRedisStore(config, config.redis!, logger, undefined, { settingsRecheckMs: 20 });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await server?.cleanup();
  });

  it('notices an evicting policy set at runtime, logs it and reports it', async () => {
    expect(store.settings?.evicting).toBe(false);
    const admin = createClient({ url: server.url });
    await admin.connect();
    try {
      await admin.configSet('maxmemory-policy', 'allkeys-lru');
    } finally {
      await admin.close();
    }
    await new Promise<void>((resolve) => {
      const seen = () => (store.settings?.evicting ? resolve() : setTimeout(seen, 10));
      seen();
    });
    expect(store.health()).toMatchObject({ redis: { evicting: true, settings: { 'maxmemory-policy': 'allkeys-lru' } } });
    const warnings = log.lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level === 40);
    expect(warnings.some((line) => /allkeys-lru|evict/i.test(line.msg))).toBe(true);
  });
});

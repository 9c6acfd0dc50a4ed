import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadConfig } from '../../../src/config/index.js';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import { createLogger } from '../../../src/logging/index.js';
import { openStore } from '../../../src/store/open_store.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';
import { describeWithRedisServer, startOwnRedisServer, type OwnRedisServer } from '../../support/redis_server.js';

/**
 * Redis is the store of record with REDIS_URL: start-up reads its eviction and persistence settings
 * from real redis-server processes started with each setting.
 */

const secrets = { FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), FITGATE_SESSION_SECRETS: 'x'.repeat(32) };
const SAFE = ['--maxmemory-policy', 'noeviction', '--appendonly', 'yes', '--appendfsync', 'everysec'];

async function open(server: OwnRedisServer, env: 'production' | 'development' | 'test') {
  const log = captureLogLines();
  const config = loadConfig({
    NODE_ENV: env,
    REDIS_URL: server.url,
    FITGATE_REDIS_PREFIX: 'fitgate-settings-test:',
    // Required in production.
    FITGATE_PUBLIC_URL: 'http://localhost:3000',
    ...secrets,
  });
  const outcome = await openStore(config, createLogger({ level: 'info', destination: log.destination })).then(
    // Marked as set up, as bootstrap does at every start, so readiness looks only at the settings.
    async (store) => {
      await store.markInitialised?.();
      return { store, error: undefined };
    },
    (error: unknown) => ({ store: undefined, error: error as Error }),
  );
  const warnings = log.lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level === 40);
  return { ...outcome, warnings: warnings.map((line) => line.msg) };
}

async function ready(store: Store) {
  return request(readinessDetails(createReadiness(store))).get('/health/ready');
}

describeWithRedisServer('Redis settings checked at start-up', () => {
  const servers: Record<string, OwnRedisServer> = {};
  const opened: Store[] = [];

  beforeAll(async () => {
    const [safe, evicting, volatile, rdbOnly, noConfig] = await Promise.all([
      startOwnRedisServer(SAFE),
      startOwnRedisServer(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'yes']),
      startOwnRedisServer(['--maxmemory-policy', 'noeviction', '--appendonly', 'no', '--save', '']),
      startOwnRedisServer(['--maxmemory-policy', 'noeviction', '--appendonly', 'no', '--save', '3600 1']),
      startOwnRedisServer(['--rename-command', 'CONFIG', '']),
    ]);
    Object.assign(servers, { safe, evicting, volatile, rdbOnly, noConfig });
  }, 60_000);

  afterAll(async () => {
    for (const store of opened) await store.close();
    for (const server of Object.values(servers)) await server.cleanup();
  });

  it('starts quietly on noeviction with AOF, and /health/ready says so', async () => {
    const { store, error, warnings } = await open(servers.safe!, 'production');
    expect(error).toBeUndefined();
    opened.push(store!);
    expect(warnings).toEqual([]);
    const response = await ready(store!);
    expect(response.status).toBe(200);
    expect(response.body.redis).toMatchObject({
      status: 'ok',
      evicting: false,
      settings: { 'maxmemory-policy': 'noeviction', appendonly: 'yes', appendfsync: 'everysec' },
      findings: [],
    });
  });

  it('refuses a production start on an evicting policy with one line saying what to set', async () => {
    const { store, error } = await open(servers.evicting!, 'production');
    expect(store).toBeUndefined();
    expect(error?.message).toMatch(/maxmemory-policy allkeys-lru/);
    expect(error?.message).toMatch(/set maxmemory-policy noeviction$/);
    expect(error?.message).not.toContain('\n');
  });

  it('only warns about an evicting policy in development, and reports it in /health/ready', async () => {
    const { store, error, warnings } = await open(servers.evicting!, 'development');
    expect(error).toBeUndefined();
    opened.push(store!);
    expect(warnings).toEqual([expect.stringMatching(/maxmemory-policy allkeys-lru.*set maxmemory-policy noeviction/)]);
    const response = await ready(store!);
    expect(response.status).toBe(200);
    expect(response.body.redis).toMatchObject({ status: 'at_risk', evicting: true });
  });

  it('warns loudly when Redis keeps nothing on disk (neither AOF nor RDB)', async () => {
    const { store, error, warnings } = await open(servers.volatile!, 'production');
    expect(error).toBeUndefined();
    opened.push(store!);
    expect(warnings).toEqual([expect.stringMatching(/^WARNING: Redis keeps nothing on disk.*set appendonly yes/)]);
    expect((await ready(store!)).body.redis).toMatchObject({ status: 'at_risk', evicting: false });
  });

  it('warns that RDB snapshots alone lose the writes since the last one', async () => {
    const { store, warnings } = await open(servers.rdbOnly!, 'test');
    opened.push(store!);
    expect(warnings).toEqual([expect.stringMatching(/only RDB snapshots \(save "3600 1"\).*set appendonly yes/)]);
  });

  it('says it could not check where CONFIG is disabled, and still starts', async () => {
    const { store, error, warnings } = await open(servers.noConfig!, 'production');
    expect(error).toBeUndefined();
    opened.push(store!);
    expect(warnings).toEqual([expect.stringMatching(/could not read the Redis settings .*check yourself that maxmemory-policy is noeviction/)]);
    const response = await ready(store!);
    expect(response.status).toBe(200);
    expect(response.body.redis).toMatchObject({ status: 'unchecked' });
    expect(response.body.redis.settings).toBeUndefined();
  });
});

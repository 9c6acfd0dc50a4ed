import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { connectionPlugins } from '../src/connections/registry.js';
import { bootstrap } from '../src/domain/bootstrap.js';
import { createLogger } from '../src/logging/index.js';
import { emulatedBy } from '../src/sandbox/sandbox.js';
import { openStore } from '../src/store/open_store.js';
import { createSealer } from '../src/store/sealing.js';
import type { RedisStore } from '../src/store/redis/redis_store.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite_store.js';
import type { Store } from '../src/store/store.js';
import { benchUserLogin } from './emulator_setup.js';
import { setUpFitgate } from './fitgate_setup.js';
import { fitgateLogin, FITGATE_HOPS } from './flows.js';
import type { HttpClient } from './http_client.js';
import { HopTimes, round } from './latency.js';
import { commandCalls, startPrivateRedis, writeCommands, type PrivateRedis } from './private_redis.js';
import type { StoreRun } from './result_schema.js';
import { freshFitgateEnvironment } from './servers.js';

/** Logins counted; a few more run first, so first-login records (the user, caches) are not counted. */
const COUNTED_LOGINS = 20;
const WARM_LOGINS = 3;

/**
 * Store writes (and fsyncs) per complete login, counted exactly rather than timed: fitgate runs in
 * this process on a fresh store of its own, so the embedded store's commit counters
 * (SqliteStore.commitCounts) can be read, and on Redis a private redis-server's INFO commandstats
 * holds fitgate's commands only. Each virtual user logs in again as an existing user, as in the
 * measured runs. Null for Redis when redis-server is not installed.
 */
export async function countStoreWrites(
  kind: 'sqlite' | 'redis',
  http: HttpClient,
  emulatorUrl: string,
  users: number,
): Promise<StoreRun['storeWrites']> {
  const redis = kind === 'redis' ? await startPrivateRedis() : undefined;
  if (kind === 'redis' && !redis) return null;
  const fitgate = await startInProcess(kind, emulatorUrl, redis);
  try {
    const { application } = await setUpFitgate(http, fitgate.url, emulatorUrl, fitgate.bootstrap);
    const target = { http, url: fitgate.url, application };
    const login = async (sequence: number) => void (await fitgateLogin(target, new HopTimes(FITGATE_HOPS), benchUserLogin(sequence % users)));
    for (let sequence = 0; sequence < Math.min(users, WARM_LOGINS); sequence += 1) await login(sequence);
    const before = await counts(fitgate.store, redis);
    for (let sequence = 0; sequence < COUNTED_LOGINS; sequence += 1) await login(sequence);
    const after = await counts(fitgate.store, redis);
    const per = (name: string): number => round(((after.get(name) ?? 0) - (before.get(name) ?? 0)) / COUNTED_LOGINS, 2);
    const names = [...after.keys()].filter((name) => per(name) > 0).sort();
    const detail = Object.fromEntries(names.map((name) => [name, per(name)]));
    if (kind === 'sqlite') {
      return { logins: COUNTED_LOGINS, writesPerLogin: round(per('durable') + per('shortLived'), 2), fsyncsPerLogin: per('durable'), detail };
    }
    const writes = await writeCommands(redis!.url, names);
    const writesPerLogin = round(names.filter((name) => writes.has(name)).reduce((sum, name) => sum + per(name), 0), 2);
    const commandsPerLogin = round(names.reduce((sum, name) => sum + per(name), 0), 2);
    return { logins: COUNTED_LOGINS, writesPerLogin, fsyncsPerLogin: null, commandsPerLogin, detail };
  } finally {
    await fitgate.stop();
    await redis?.stop();
  }
}

/** Embedded: commits per file (fitgate.db's are fsyncs). Redis: calls per command, minus this count's own INFO. */
async function counts(store: Store, redis: PrivateRedis | undefined): Promise<Map<string, number>> {
  if (!redis) {
    (store as SqliteStore).logs.flush();
    const { durable, shortLived } = (store as SqliteStore).commitCounts();
    return new Map([
      ['durable', durable],
      ['shortLived', shortLived],
    ]);
  }
  // As on the embedded store: the log events of the logins before this count are written now, not
  // inside the next window (a 100 ms batch moved 0.3-0.6 SET and ZADD a login from run to run).
  await (store as RedisStore).logs.flush();
  const calls = await commandCalls(redis.url);
  calls.delete('info');
  return calls;
}

interface InProcessFitgate {
  url: string;
  store: Store;
  bootstrap: { clientId: string; clientSecret: string };
  stop(): Promise<void>;
}

/** fitgate wired as src/server.ts wires it (one process, no metrics), on a fresh data directory or Redis. */
async function startInProcess(kind: 'sqlite' | 'redis', emulatorUrl: string, redis: PrivateRedis | undefined): Promise<InProcessFitgate> {
  const { port, dataDir, bootstrap: bootstrapClient, environment } = await freshFitgateEnvironment('fitgate-bench-writes-', emulatorUrl);
  const config = loadConfig({ ...environment, ...(kind === 'redis' && redis ? { REDIS_URL: redis.url } : {}) });
  const logger = createLogger({ level: 'error' });
  const store = await openStore(config, logger);
  const sealer = createSealer(config.masterKeys);
  const plugins = connectionPlugins();
  await bootstrap({ config, store, sealer, plugins });
  const internalBaseUrl = `http://127.0.0.1:${port}`;
  // As server.ts wires it: FITGATE_UPSTREAM_BASE_URL reaches the upstreams the emulator plays.
  const app = createApp({ config, store, sealer, logger, plugins, emulated: emulatedBy(plugins), internalBaseUrl: () => internalBaseUrl });
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: internalBaseUrl,
    store,
    bootstrap: bootstrapClient,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { connectRedis } from '../../src/store/redis/connect_redis.js';
import { RedisStore } from '../../src/store/redis/redis_store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../src/store/store.js';
import { deleteKeysWithPrefix, describeWithRedis, redisUrl, uniquePrefix } from './redis.js';

/**
 * Fresh, isolated stores for tests: SQLite in its own temporary directory, Redis under its own key
 * prefix. Every handle is closed and every byte removed by cleanup().
 */

export type StoreKind = Store['kind'];

export interface TestStore<S extends Store = Store> {
  readonly store: S;
  /** The SQLite data directory, or the Redis key prefix. */
  readonly location: string;
  /** Another store on the same data (a second process or a restart); cleanup() closes it too. */
  reopen(): Promise<S>;
  /** Closes every store opened here and deletes their data. */
  cleanup(): Promise<void>;
}

export async function openSqliteTestStore(): Promise<TestStore<SqliteStore>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-store-'));
  // As at a first start: the configuration makes the data directory's secrets before the database
  // exists (once it does, a missing master key is refused, not made).
  loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: dataDir });
  return trackedTestStore(dataDir, async () => SqliteStore.open(dataDir), async () => {
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/**
 * A Redis store under a prefix of its own (uniquePrefix(label)); needs Redis at redisUrl. Marked as
 * set up, as every fitgate start does (bootstrap), so /health/ready on it does not report it empty.
 */
export async function openRedisTestStore(label: string): Promise<TestStore<RedisStore>> {
  const prefix = uniquePrefix(label);
  return trackedTestStore(
    prefix,
    async () => {
      const store = new RedisStore(await connectRedis({ url: redisUrl }), prefix);
      await store.markInitialised();
      return store;
    },
    async () => {
      await deleteKeysWithPrefix(prefix);
    },
  );
}

/** Remembers every store opened on the location, so cleanup() can close them all before wiping it. */
async function trackedTestStore<S extends Store>(
  location: string,
  open: () => Promise<S>,
  wipe: () => Promise<void>,
): Promise<TestStore<S>> {
  const opened: S[] = [];
  const reopen = async (): Promise<S> => {
    const store = await open();
    opened.push(store);
    return store;
  };
  return {
    store: await reopen(),
    location,
    reopen,
    async cleanup() {
      for (const store of opened) await store.close();
      await wipe();
    },
  };
}

const openers: Record<StoreKind, (label: string) => Promise<TestStore>> = {
  sqlite: () => openSqliteTestStore(),
  redis: (label) => openRedisTestStore(label),
};

/** A fresh store of that kind; `label` names its Redis prefix so leftovers are easy to trace. */
export function openTestStore(kind: StoreKind, label: string): Promise<TestStore> {
  return openers[kind](label);
}

/** Runs `test` on a fresh store of that kind, then closes and wipes it (a test that must see its store alone). */
export async function withFreshStore(kind: StoreKind, label: string, test: (store: Store) => Promise<void>): Promise<void> {
  const fresh = await openTestStore(kind, label);
  try {
    await test(fresh.store);
  } finally {
    await fresh.cleanup();
  }
}

export interface StoreHarness {
  readonly kind: StoreKind;
  /** The store under test; opened in beforeAll, closed and wiped in afterAll. */
  store(): Store;
  /** The TestStore behind it, for reopen() and location. */
  testStore(): TestStore;
}

/**
 * Runs the same suite against each adapter: `describeEachStore('users', (h) => it(..., () =>
 * h.store().users...))`. The Redis run goes through describeWithRedis (skipped loudly, or failed
 * with REQUIRE_REDIS=1, when Redis does not answer).
 */
export function describeEachStore(title: string, suite: (harness: StoreHarness) => void): void {
  describe(`${title} [sqlite]`, () => suite(harnessFor('sqlite', title)));
  describeWithRedis(`${title} [redis]`, () => suite(harnessFor('redis', title)));
}

function harnessFor(kind: StoreKind, label: string): StoreHarness {
  let current: TestStore | undefined;
  beforeAll(async () => {
    current = await openTestStore(kind, label);
  });
  afterAll(async () => {
    await current?.cleanup();
  });
  const testStore = (): TestStore => {
    if (!current) throw new Error('the test store is opened in beforeAll; use it inside tests and hooks');
    return current;
  };
  return { kind, testStore, store: () => testStore().store };
}

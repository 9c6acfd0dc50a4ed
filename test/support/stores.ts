import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { SqliteStore } from '../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../src/store/store.js';

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
  const opened: SqliteStore[] = [];
  const open = async (): Promise<SqliteStore> => {
    const store = SqliteStore.open(dataDir);
    opened.push(store);
    return store;
  };
  return {
    store: await open(),
    location: dataDir,
    reopen: open,
    async cleanup() {
      for (const store of opened) await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const openers: Partial<Record<StoreKind, (label: string) => Promise<TestStore>>> = {
  sqlite: () => openSqliteTestStore(),
};

/** A fresh store of that kind; `label` names its Redis prefix so leftovers are easy to trace. */
export function openTestStore(kind: StoreKind, label: string): Promise<TestStore> {
  const open = openers[kind];
  if (!open) throw new Error(`no ${kind} test store yet`);
  return open(label);
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

import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';

/** What a request that may be served an outage copy passes to RecordCache.get. */
export const STALE_ALLOWED = { stale: 'allowed' } as const;

/**
 * A store of records by key with its configuration version, for a RecordCache: `down` takes it out
 * of reach, `failing` only those records' reads; `reads` counts record reads per key.
 */
export function fakeRecordStore<R>() {
  let version = 0;
  let held: { key: string; started: () => void; answered: Promise<void> } | undefined;
  const unavailable = () => new StoreUnavailableError({ cause: new Error('The client is offline') });
  const store = {
    down: false,
    failing: new Set<string>(),
    records: new Map<string, R>(),
    reads: new Map<string, number>(),
    /** Another process's write: the version moves, this process learns it at its next read. */
    changeElsewhere(key: string, record: R) {
      store.records.set(key, record);
      version += 1;
    },
    /** Another process deletes the record: the version moves, this process learns it at its next read. */
    deleteElsewhere(key: string) {
      store.records.delete(key);
      version += 1;
    },
    /**
     * Holds the next read of `key`, once it has taken the record as the store then holds it, until
     * answer() is called; `started` settles when that read is held.
     */
    holdNextRead(key: string): { started: Promise<void>; answer: () => void } {
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      const started = new Promise<void>((resolve) => (held = { key, started: resolve, answered }));
      return { started, answer };
    },
    version: {
      async read() {
        if (store.down) throw unavailable();
        return String(version);
      },
      async changed() {
        version += 1;
      },
    } satisfies ConfigVersion,
    load: (key: string) => async () => {
      store.reads.set(key, (store.reads.get(key) ?? 0) + 1);
      const record = store.records.get(key);
      const hold = held?.key === key ? held : undefined;
      if (hold) {
        held = undefined;
        hold.started();
        await hold.answered;
      }
      if (store.down || store.failing.has(key)) throw unavailable();
      return record;
    },
  };
  return store;
}

export type FakeRecordStore<R> = ReturnType<typeof fakeRecordStore<R>>;

/** `records` put in `store`, and a cache over it that has read each once, as requests before a change would have. */
export async function cacheHolding<R>(store: FakeRecordStore<R>, records: { [key: string]: R }): Promise<RecordCache<R>> {
  const cache = new RecordCache<R>(store.version);
  for (const [key, record] of Object.entries(records)) {
    store.records.set(key, record);
    await cache.get(key, store.load(key));
  }
  return cache;
}

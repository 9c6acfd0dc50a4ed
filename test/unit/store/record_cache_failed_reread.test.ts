import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';

type Record = { name: string };
const ALLOWED = { stale: 'allowed' } as const;

/** A store of records by key with its configuration version; `down` takes it out of reach, `failing` only those records' reads. */
function fakeStore() {
  let version = 0;
  const unavailable = () => new StoreUnavailableError({ cause: new Error('The client is offline') });
  const store = {
    down: false,
    failing: new Set<string>(),
    records: new Map<string, Record>(),
    changeElsewhere(key: string, record: Record) {
      store.records.set(key, record);
      version += 1;
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
      if (store.down || store.failing.has(key)) throw unavailable();
      return store.records.get(key);
    },
  };
  return store;
}

/**
 * After a change the copy is outdated: when it cannot be read again, there is no copy (the
 * request gets the store's 503, as for a record never read), never the outdated one.
 */
describe('the outage copy when reading it again after a change fails', () => {
  it('is dropped when its own read fails, while the copies read again are kept', async () => {
    const store = fakeStore();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('tenant', { name: 'acme' });
    store.records.set('app', { name: 'before' });
    await cache.get('tenant', store.load('tenant'));
    await cache.get('app', store.load('app'));

    store.changeElsewhere('app', { name: 'after' });
    store.failing.add('app');
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();

    store.down = true;
    await expect(cache.get('app', store.load('app'), ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await cache.get('tenant', store.load('tenant'), ALLOWED)).toEqual({ name: 'acme' });
  });

  it('is dropped when the store is out of reach before the read could start', async () => {
    const store = fakeStore();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('app', { name: 'before' });
    await cache.get('app', store.load('app'));

    store.records.set('app', { name: 'after' });
    const announced = cache.changed();
    store.down = true;
    await announced;
    await cache.whenReread();

    await expect(cache.get('app', store.load('app'), ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';

type Record = { name: string; callbacks: string[] };
const ALLOWED = { stale: 'allowed' } as const;

/** A store of records by key with its configuration version; `down` takes it out of reach. */
function fakeStore() {
  let version = 0;
  const unavailable = () => new StoreUnavailableError({ cause: new Error('The client is offline') });
  const store = {
    down: false,
    records: new Map<string, Record>(),
    /** Another process deletes the record: the version moves, this process learns it at its next read. */
    deleteElsewhere(key: string) {
      store.records.delete(key);
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
      if (store.down) throw unavailable();
      return store.records.get(key);
    },
  };
  return store;
}

/**
 * An application deleted shortly before an outage must not be served from the outage copy: its
 * callback would still get /authorize's redirect. Read again after the change, it is missing, as
 * an unknown client is.
 */
describe('the outage copy of a record deleted meanwhile', () => {
  it('is the record missing, not the one last read before the deletion', async () => {
    const store = fakeStore();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('tenant', { name: 'acme', callbacks: [] });
    store.records.set('app', { name: 'deleted soon', callbacks: ['https://app.example/callback'] });
    await cache.get('tenant', store.load('tenant'));
    expect(await cache.get('app', store.load('app'))).toBeDefined();

    store.deleteElsewhere('app');
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();

    store.down = true;
    expect(await cache.get('app', store.load('app'), ALLOWED)).toBeUndefined();
  });
});

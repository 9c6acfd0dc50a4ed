import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';

type Record = { name: string };
const ALLOWED = { stale: 'allowed' } as const;

/** A store of records by key with its configuration version; `down` takes it out of reach, `reads` counts record reads per key. */
function fakeStore() {
  let version = 0;
  const unavailable = () => new StoreUnavailableError({ cause: new Error('The client is offline') });
  const store = {
    down: false,
    records: new Map<string, Record>(),
    reads: new Map<string, number>(),
    /** Another process's write: the version moves, this process learns it at its next read. */
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
      store.reads.set(key, (store.reads.get(key) ?? 0) + 1);
      if (store.down) throw unavailable();
      return store.records.get(key);
    },
  };
  return store;
}

/**
 * A change makes the copies kept for an outage outdated; they are read again in the background
 * right away, so an outage soon after an admin's change still has discovery, the JWKS and
 * /authorize's redirect, with the record as changed, each read once.
 */
describe('the outage copy after a change', () => {
  it('is the record as another process changed it, read once in the background after a request noticed the change', async () => {
    const store = fakeStore();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('tenant', { name: 'acme' });
    store.records.set('app', { name: 'before' });
    await cache.get('tenant', store.load('tenant'));
    await cache.get('app', store.load('app'));

    store.changeElsewhere('app', { name: 'after' });
    // A request that needs only the tenant notices the change; nothing asks for the app again.
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();
    expect(store.reads.get('app')).toBe(2);

    store.down = true;
    expect(await cache.get('app', store.load('app'), ALLOWED)).toEqual({ name: 'after' });
    expect(await cache.get('tenant', store.load('tenant'), ALLOWED)).toEqual({ name: 'acme' });
  });

  it("is the record as this process's own write left it, and that read also serves the next request", async () => {
    const store = fakeStore();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('app', { name: 'before' });
    await cache.get('app', store.load('app'));

    store.records.set('app', { name: 'after' });
    await cache.changed();
    await cache.whenReread();
    expect(await cache.get('app', store.load('app'))).toEqual({ name: 'after' });
    expect(store.reads.get('app')).toBe(2);

    store.down = true;
    expect(await cache.get('app', store.load('app'), ALLOWED)).toEqual({ name: 'after' });
  });
});

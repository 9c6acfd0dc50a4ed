import { describe, expect, it } from '@jest/globals';
import { REREAD_AT_MOST, RecordCache } from '../../../src/store/cache/record_cache.js';
import { fakeRecordStore, STALE_ALLOWED } from './record_cache_store.js';

type Record = { name: string };

/**
 * Anyone can make the cache remember that a record is missing: an unknown client_id at /authorize,
 * an unknown Host. Those copies must not be read again after each change, or a visitor who asked
 * for REREAD_AT_MOST made-up ids first turns every admin's change into that many store reads per
 * process, and pushes the records that exist out of the re-read, so an outage right after the
 * change has no copy of them.
 */
describe('copies of records the store did not hold, after a change', () => {
  it('are not read again, and do not keep a record that exists from being read again', async () => {
    const store = fakeRecordStore<Record>();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('tenant', { name: 'acme' });
    await cache.get('tenant', store.load('tenant'));
    const madeUp = Array.from({ length: REREAD_AT_MOST + 10 }, (_, index) => `made-up-${index}`);
    for (const key of madeUp) expect(await cache.get(key, store.load(key))).toBeUndefined();
    store.records.set('app', { name: 'before' });
    await cache.get('app', store.load('app'));

    store.changeElsewhere('app', { name: 'after' });
    // A request that needs only the tenant notices the change; the app is left to the background.
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();

    expect(madeUp.filter((key) => store.reads.get(key) !== 1)).toEqual([]);
    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toEqual({ name: 'after' });
  });
});

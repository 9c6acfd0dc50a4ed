import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { MAX_RECORDS, RecordCache } from '../../../src/store/cache/record_cache.js';
import { fakeRecordStore, STALE_ALLOWED } from './record_cache_store.js';

type Record = { name: string };

/**
 * Any visitor can make the cache look up records that do not exist (a made-up client_id or Host).
 * Enough of them make it start over; that must not take the outage copy of the records that exist,
 * or a flood of junk just before an outage would leave /authorize and the JWKS without them. And
 * what the junk leaves behind stays bounded, however much of it comes.
 */
describe('made-up lookups beyond MAX_RECORDS', () => {
  it('leave the copy of a record that exists to serve an outage, and keep only a bounded number of their own', async () => {
    const store = fakeRecordStore<Record>();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('app', { name: 'acme app' });
    await cache.get('app', store.load('app'));
    const madeUp = Array.from({ length: 2 * MAX_RECORDS + 10 }, (_, index) => `made-up-${index}`);
    for (const key of madeUp) expect(await cache.get(key, store.load(key))).toBeUndefined();
    // The cache started over: the first made-up key, read again, goes to the store again.
    await cache.get(madeUp[0]!, store.load(madeUp[0]!));
    expect(store.reads.get(madeUp[0]!)).toBe(2);

    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toEqual({ name: 'acme app' });
    // The made-up keys answered from a copy (missing) are at most MAX_RECORDS; the latest are among them.
    let keptMissing = 0;
    for (const key of madeUp.slice(1)) {
      const answer = await cache.get(key, store.load(key), STALE_ALLOWED).then(
        (record) => ({ record }),
        (error: unknown) => ({ error }),
      );
      if ('record' in answer) {
        expect(answer.record).toBeUndefined();
        keptMissing += 1;
      } else {
        expect(answer.error).toBeInstanceOf(StoreUnavailableError);
      }
    }
    expect(keptMissing).toBeGreaterThan(0);
    expect(keptMissing).toBeLessThanOrEqual(MAX_RECORDS);
    expect(await cache.get(madeUp.at(-1)!, store.load(madeUp.at(-1)!), STALE_ALLOWED)).toBeUndefined();
  });

  it('made while a record is read again after a change, leave it its copy', async () => {
    const store = fakeRecordStore<Record>();
    const cache = new RecordCache<Record>(store.version);
    store.records.set('app', { name: 'before' });
    await cache.get('app', store.load('app'));
    store.changeElsewhere('app', { name: 'after' });
    const reread = store.holdNextRead('app');
    // Another request notices the change; the app is read again in the background, and held there.
    await cache.get('made-up', store.load('made-up'));
    await reread.started;

    for (let index = 0; index <= MAX_RECORDS; index += 1) await cache.get(`made-up-${index}`, store.load(`made-up-${index}`));
    reread.answer();
    await cache.whenReread();

    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toEqual({ name: 'after' });
  });
});

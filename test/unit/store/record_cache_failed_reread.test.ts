import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { cacheHolding, fakeRecordStore, STALE_ALLOWED } from './record_cache_store.js';

type Record = { name: string };

/**
 * After a change the copy is outdated: when it cannot be read again, there is no copy (the
 * request gets the store's 503, as for a record never read), never the outdated one.
 */
describe('the outage copy when reading it again after a change fails', () => {
  it('is dropped when its own read fails, while the copies read again are kept', async () => {
    const store = fakeRecordStore<Record>();
    const cache = await cacheHolding(store, { tenant: { name: 'acme' }, app: { name: 'before' } });

    store.changeElsewhere('app', { name: 'after' });
    store.failing.add('app');
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();

    store.down = true;
    await expect(cache.get('app', store.load('app'), STALE_ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await cache.get('tenant', store.load('tenant'), STALE_ALLOWED)).toEqual({ name: 'acme' });
  });

  it('is dropped when the store is out of reach before the read could start', async () => {
    const store = fakeRecordStore<Record>();
    const cache = await cacheHolding(store, { app: { name: 'before' } });

    store.records.set('app', { name: 'after' });
    const announced = cache.changed();
    store.down = true;
    await announced;
    await cache.whenReread();

    await expect(cache.get('app', store.load('app'), STALE_ALLOWED)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

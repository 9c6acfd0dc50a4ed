import { describe, expect, it } from '@jest/globals';
import { cacheHolding, fakeRecordStore, STALE_ALLOWED } from './record_cache_store.js';

type Record = { name: string; callbacks: string[] };

/**
 * An application deleted shortly before an outage must not be served from the outage copy: its
 * callback would still get /authorize's redirect. Read again after the change, it is missing, as
 * an unknown client is.
 */
describe('the outage copy of a record deleted meanwhile', () => {
  it('is the record missing, not the one last read before the deletion', async () => {
    const store = fakeRecordStore<Record>();
    const cache = await cacheHolding(store, {
      tenant: { name: 'acme', callbacks: [] },
      app: { name: 'deleted soon', callbacks: ['https://app.example/callback'] },
    });
    expect(await cache.get('app', store.load('app'))).toBeDefined();

    store.deleteElsewhere('app');
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();

    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toBeUndefined();
  });
});

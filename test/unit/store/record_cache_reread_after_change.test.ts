import { describe, expect, it } from '@jest/globals';
import { cacheHolding, fakeRecordStore, STALE_ALLOWED } from './record_cache_store.js';

type Record = { name: string };

/**
 * A change makes the copies kept for an outage outdated; they are read again in the background
 * right away, so an outage soon after an admin's change still has discovery, the JWKS and
 * /authorize's redirect, with the record as changed, each read once.
 */
describe('the outage copy after a change', () => {
  it('is the record as another process changed it, read once in the background after a request noticed the change', async () => {
    const store = fakeRecordStore<Record>();
    const cache = await cacheHolding(store, { tenant: { name: 'acme' }, app: { name: 'before' } });

    store.changeElsewhere('app', { name: 'after' });
    // A request that needs only the tenant notices the change; nothing asks for the app again.
    await cache.get('tenant', store.load('tenant'));
    await cache.whenReread();
    expect(store.reads.get('app')).toBe(2);

    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toEqual({ name: 'after' });
    expect(await cache.get('tenant', store.load('tenant'), STALE_ALLOWED)).toEqual({ name: 'acme' });
  });

  it("is the record as this process's own write left it, and that read also serves the next request", async () => {
    const store = fakeRecordStore<Record>();
    const cache = await cacheHolding(store, { app: { name: 'before' } });

    store.records.set('app', { name: 'after' });
    await cache.changed();
    await cache.whenReread();
    expect(await cache.get('app', store.load('app'))).toEqual({ name: 'after' });
    expect(store.reads.get('app')).toBe(2);

    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toEqual({ name: 'after' });
  });
});

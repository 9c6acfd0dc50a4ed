import { describe, expect, it } from '@jest/globals';
import { cacheHolding, fakeRecordStore, STALE_ALLOWED } from './record_cache_store.js';

type Record = { name: string };

/**
 * Automation that changes applications in a loop must not set off a read of every copy per change:
 * changes noticed while the copies are being read again are coalesced into one more round, which
 * reads what the store holds after the last of them.
 */
describe('reading the outage copies again while changes keep coming', () => {
  it('reads each record once more for any number of changes during a round, and keeps what the last one left', async () => {
    const store = fakeRecordStore<Record>();
    const cache = await cacheHolding(store, { tenant: { name: 'acme' }, app: { name: 'v1' } });

    // The background read of the app, held until the test lets it answer.
    const held = store.holdNextRead('app');
    store.changeElsewhere('app', { name: 'v2' });
    await cache.get('tenant', store.load('tenant'));
    await held.started; // the round that reads v2 is under way

    for (const name of ['v3', 'v4', 'v5']) {
      store.changeElsewhere('app', { name });
      await cache.get('tenant', store.load('tenant'));
    }
    held.answer();
    await cache.whenReread();
    expect(store.reads.get('app')).toBe(1 + 2);

    store.down = true;
    expect(await cache.get('app', store.load('app'), STALE_ALLOWED)).toEqual({ name: 'v5' });
  });
});

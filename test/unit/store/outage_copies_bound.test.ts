import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { OutageCopies, type CacheReads, type Copy } from '../../../src/store/cache/outage_copies.js';

type Record = { name: string };

const STALE_ALLOWED = { stale: 'allowed' } as const;
const unavailable = new StoreUnavailableError({ cause: new Error('The client is offline') });

/** Nothing here reads again: no change is noticed. */
const noReads: CacheReads<Record> = {
  readVersion: () => Promise.reject(unavailable),
  noticed: () => undefined,
  share: () => Promise.reject(unavailable),
};

/**
 * The copies of records the store held are bounded, as a tenant with more clients than the bound
 * must not grow a process without end. A new copy past the bound makes room by the one first read;
 * a copy read again (the same key, as every copy is after a change) is no new one and costs none.
 */
describe('the outage copies of records the store held, at their bound', () => {
  it('make room for a new copy by the one first read, and for a copy read again by none', () => {
    const copies = new OutageCopies<Record>(2, noReads);
    copies.storeAnswered();
    const keep = (key: string) => {
      const copy: Copy<Record> = { load: async () => undefined, generation: copies.generation, record: undefined };
      copies.keep(key, copy, { name: key });
    };
    const served = (key: string) => {
      try {
        return copies.serve(key, unavailable, STALE_ALLOWED);
      } catch (error) {
        expect(error).toBe(unavailable);
        return 'no copy';
      }
    };

    keep('first');
    keep('second');
    keep('first');
    keep('third');

    expect(served('first')).toBe('no copy');
    expect(served('second')).toEqual({ name: 'second' });
    expect(served('third')).toEqual({ name: 'third' });
  });
});

import { describe, expect, it } from '@jest/globals';
import type { UserSearch, UserSearchClause } from '../../../src/domain/user_search.js';
import type { User } from '../../../src/domain/types.js';
import { runUserSearch, SEARCH_SCAN_LIMIT } from '../../../src/store/user_indexing.js';

/**
 * A search that matches nobody while its driving clause matches everyone reads as far as it may:
 * that is the most one request can make the store do, and it must not grow with the groups.
 */
describe('the reading budget of one user search', () => {
  const everyone = { field: 'identities.connection', match: 'exact', value: 'fitbit' } as UserSearchClause;
  const nobody = { field: 'email', match: 'exact', value: 'nobody@example.com' } as UserSearchClause;
  const anyName = { field: 'name', match: 'prefix', value: 'a' } as UserSearchClause;

  /** Index ranges as long as any reader asks, of users that match no search here; counts entries read. */
  function countingStore() {
    let read = 0;
    const readRange = async (_clause: UserSearchClause, offset: number, count: number) => {
      read += count;
      return Array.from({ length: count }, (_, i) => `fitbit|${offset + i}`);
    };
    const load = async (ids: readonly string[]) => ids.map((userId) => ({ userId, name: 'zed', email: 'z@example.com', identities: [] }) as unknown as User);
    return { readRange, load, read: () => read };
  }

  it('stops at the limit over all groups together', async () => {
    const store = countingStore();
    const groups = [[anyName, nobody], [anyName, everyone, nobody], [{ ...anyName, value: 'b' }, nobody]].map((all) => ({ all }));
    expect(await runUserSearch({ any: groups } as UserSearch, store.readRange, store.load)).toEqual([]);
    expect(store.read()).toBe(SEARCH_SCAN_LIMIT);
  });

  it('reads a group written several times once', async () => {
    const once = countingStore();
    await runUserSearch({ any: [{ all: [anyName, nobody] }] } as UserSearch, once.readRange, once.load);
    const repeated = countingStore();
    await runUserSearch({ any: Array.from({ length: 5 }, () => ({ all: [nobody, anyName] })) } as UserSearch, repeated.readRange, repeated.load);
    expect(repeated.read()).toBe(once.read());
  });
});

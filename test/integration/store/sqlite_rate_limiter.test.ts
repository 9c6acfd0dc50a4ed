import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { uniqueId } from './records.js';

/** The embedded store's limiter: one statement per hit, with the stock limiter's windows. */
describe('embedded rate limiter hits', () => {
  let testStore: TestStore<SqliteStore>;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => testStore.cleanup());

  const limiter = (points: number, blockSeconds?: number) =>
    testStore.store.rateLimiter({ keyPrefix: uniqueId('limit'), points, durationSeconds: 60, ...(blockSeconds ? { blockSeconds } : {}) });

  it('runs each hit as one statement, with no transaction of its own around it', async () => {
    const db = testStore.store.shortLivedDb;
    const limited = limiter(10);
    await limited.consume('ip'); // the statement is compiled and cached by now
    const executed = jest.spyOn(db, 'exec');
    const prepared = jest.spyOn(db, 'prepare');
    await limited.consume('ip');
    await limited.consume('ip');
    expect(executed).not.toHaveBeenCalled();
    expect(prepared.mock.calls.map(([sql]) => /^\s*(\w+)/.exec(sql)?.[1])).toEqual(['INSERT', 'INSERT']);
  });

  it('starts a new window once the old one has ended, and keeps the end of a running one', async () => {
    // The library reads the clock again for its answer; a frozen clock keeps a millisecond tick
    // between the two reads from showing up in msBeforeNext.
    const start = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(start);
    const limited = limiter(2);
    const first = await limited.consume('ip');
    expect(first.msBeforeNext).toBe(60_000);
    const later = start + 30_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    const second = await limited.consume('ip');
    expect(second.consumedPoints).toBe(2);
    expect(second.msBeforeNext).toBe(30_000);
    await expect(limited.consume('ip')).rejects.toBeInstanceOf(RateLimiterRes);

    jest.spyOn(Date, 'now').mockReturnValue(later + 31_000);
    const renewed = await limited.consume('ip');
    expect(renewed.consumedPoints).toBe(1);
    expect(renewed.msBeforeNext).toBe(60_000);
  });

  it('replaces the window with a block once the points are spent, and refuses until it ends', async () => {
    const start = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(start); // one clock for the hit and the library's answer
    const limited = limiter(1, 600);
    await limited.consume('ip');
    const refused = (await limited.consume('ip').catch((error: unknown) => error)) as RateLimiterRes;
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect(refused.msBeforeNext).toBe(600_000);

    jest.spyOn(Date, 'now').mockReturnValue(start + 120_000); // past the 60 s window, inside the block
    await expect(limited.consume('ip')).rejects.toBeInstanceOf(RateLimiterRes);
  });

  it('fails the hit, not the process, when the store fails', async () => {
    const db = testStore.store.shortLivedDb;
    jest.spyOn(db, 'prepare').mockImplementation(() => {
      throw new Error('SQLITE_BUSY: database is locked');
    });
    await expect(limiter(10).consume('ip')).rejects.toThrow('SQLITE_BUSY');
  });
});

import { expect, it } from '@jest/globals';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

/** The Authentication API's limiters: counted in process, added to the store in batches. */
describeEachStore('batched rate limiter', (h) => {
  const limit = (keyPrefix: string, points: number) => ({ keyPrefix, points, durationSeconds: 60 });

  /** What the store holds for the key, read through rate-limiter-flexible's own limiter on the same rows. */
  const storedPoints = async (keyPrefix: string, key: string): Promise<number | undefined> =>
    (await h.store().rateLimiter(limit(keyPrefix, 1)).get(key))?.consumedPoints;

  it("adds a process's hits on a key to the store as one batch, in rate-limiter-flexible's rows", async () => {
    const keyPrefix = uniqueId('batched');
    const limiter = h.store().batchedRateLimiter(limit(keyPrefix, 5));
    const store = h.store();
    const commitsBefore = store instanceof SqliteStore ? store.commitCounts().shortLived : 0;
    for (let i = 0; i < 3; i += 1) await limiter.consume('203.0.113.7');
    await limiter.consume('198.51.100.1');
    expect(await storedPoints(keyPrefix, '203.0.113.7')).toBeUndefined();

    expect(await eventually(() => storedPoints(keyPrefix, '203.0.113.7'), 'the batch is in')).toBe(3);
    expect(await storedPoints(keyPrefix, '198.51.100.1')).toBe(1);
    if (store instanceof SqliteStore) expect(store.commitCounts().shortLived - commitsBefore).toBe(1);
  });

  it('refuses a hit once the hits of another store instance (a worker) are in the store', async () => {
    const keyPrefix = uniqueId('batched');
    const other = await h.testStore().reopen();
    const there = other.batchedRateLimiter(limit(keyPrefix, 3));
    for (let i = 0; i < 3; i += 1) await there.consume('203.0.113.7');
    await eventually(async () => ((await storedPoints(keyPrefix, '203.0.113.7')) === 3 ? true : undefined), "the other worker's batch is in");

    // A key this process has not counted yet passes until its own batch brings the store's count back.
    const here = h.store().batchedRateLimiter(limit(keyPrefix, 3));
    expect((await here.consume('203.0.113.7')).consumedPoints).toBe(1);
    await eventually(async () => ((await storedPoints(keyPrefix, '203.0.113.7')) === 4 ? true : undefined), 'this batch is in');
    const refused = await here.consume('203.0.113.7').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect(refused).toMatchObject({ remainingPoints: 0, consumedPoints: 5 });
  });

  it('writes the hits of its last batch when the store closes', async () => {
    const keyPrefix = uniqueId('batched');
    const closing = await h.testStore().reopen();
    const limiter = closing.batchedRateLimiter(limit(keyPrefix, 5));
    await limiter.consume('203.0.113.7');
    await limiter.consume('203.0.113.7');
    await closing.close();
    expect(await storedPoints(keyPrefix, '203.0.113.7')).toBe(2);
  });

  it('counts what the stock limiter spent on the same key', async () => {
    const keyPrefix = uniqueId('batched');
    await h.store().rateLimiter(limit(keyPrefix, 2)).consume('203.0.113.7');
    await h.store().rateLimiter(limit(keyPrefix, 2)).consume('203.0.113.7');
    const batched = h.store().batchedRateLimiter(limit(keyPrefix, 2));
    await batched.consume('203.0.113.7');
    await eventually(async () => ((await storedPoints(keyPrefix, '203.0.113.7')) === 3 ? true : undefined), 'the batch is in');
    await expect(batched.consume('203.0.113.7')).rejects.toBeInstanceOf(RateLimiterRes);
  });
});

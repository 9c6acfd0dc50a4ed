import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitBatches, type CountedWindow, type RateLimitHits } from '../../../src/store/rate_limit_batches.js';

/** A store's side in memory: windows by key, every batch it was sent, and a switch to fail. */
function memoryStore(now: () => number = Date.now) {
  const windows = new Map<string, { points: number; expiresAt: number }>();
  const batches: RateLimitHits[][] = [];
  let failure: Error | undefined;
  return {
    windows,
    batches,
    fail(error: Error | undefined) {
      failure = error;
    },
    addHits: async (hits: readonly RateLimitHits[]): Promise<CountedWindow[]> => {
      if (failure) throw failure;
      batches.push([...hits]);
      return hits.map(({ key, points, durationMs }) => {
        const running = windows.get(key);
        const window = running && running.expiresAt > now() ? { ...running, points: running.points + points } : { points, expiresAt: now() + durationMs };
        windows.set(key, window);
        return window;
      });
    },
  };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => 'passed', (error: unknown) => error);

describe('rate limit batches', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('decides every hit in process, exactly, and refuses the one past the limit with the time left', async () => {
    const store = memoryStore();
    const limiter = new RateLimitBatches(store.addHits, 60_000).limiter({ keyPrefix: 'token', points: 2, durationSeconds: 60 });
    expect((await limiter.consume('ip')).remainingPoints).toBe(1);
    expect((await limiter.consume('ip')).remainingPoints).toBe(0);
    const refused = await refusal(limiter.consume('ip'));
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).msBeforeNext).toBeGreaterThan(59_000);
    expect((await limiter.consume('other-ip')).remainingPoints).toBe(1);
    expect(store.batches).toEqual([]);
  });

  it('adds the hits of every limiter to the store in one batch, one entry per key with its points, refusals not counted', async () => {
    const store = memoryStore();
    const batches = new RateLimitBatches(store.addHits, 60_000);
    const token = batches.limiter({ keyPrefix: 'token', points: 3, durationSeconds: 60 });
    const userinfo = batches.limiter({ keyPrefix: 'userinfo', points: 10, durationSeconds: 30 });
    for (let i = 0; i < 4; i += 1) await refusal(token.consume('ip'));
    await userinfo.consume('hash');
    await batches.flush();
    expect(store.batches).toEqual([
      [
        { key: 'token:ip', points: 3, durationMs: 60_000 },
        { key: 'userinfo:hash', points: 1, durationMs: 30_000 },
      ],
    ]);
    await batches.flush();
    expect(store.batches).toHaveLength(1);
  });

  it('sends a batch by itself once the interval has passed, and none while idle', async () => {
    jest.useFakeTimers();
    const store = memoryStore();
    const limiter = new RateLimitBatches(store.addHits, 100).limiter({ keyPrefix: 'token', points: 5, durationSeconds: 60 });
    await limiter.consume('ip');
    await jest.advanceTimersByTimeAsync(99);
    expect(store.batches).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(store.batches).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(store.batches).toHaveLength(1);
  });

  it("counts other processes' hits once its batch comes back with the store's count", async () => {
    const store = memoryStore();
    const here = new RateLimitBatches(store.addHits, 60_000);
    const there = new RateLimitBatches(store.addHits, 60_000);
    const limit = { keyPrefix: 'token', points: 3, durationSeconds: 60 };
    for (let i = 0; i < 3; i += 1) await there.limiter(limit).consume('ip');
    await there.flush();
    // Unseen here until a batch of its own answers: the allowance the interval gives away.
    expect((await here.limiter(limit).consume('ip')).consumedPoints).toBe(1);
    await here.flush();
    expect(await refusal(here.limiter(limit).consume('ip'))).toMatchObject({ consumedPoints: 5, remainingPoints: 0 });
  });

  it('starts a new window once the old one has ended', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const store = memoryStore(() => now);
    const batches = new RateLimitBatches(store.addHits, 60_000);
    const limiter = batches.limiter({ keyPrefix: 'token', points: 1, durationSeconds: 60 });
    await limiter.consume('ip');
    await batches.flush();
    expect(await refusal(limiter.consume('ip'))).toBeInstanceOf(RateLimiterRes);
    now += 60_000;
    expect(await limiter.consume('ip')).toMatchObject({ consumedPoints: 1, msBeforeNext: 60_000 });
    await batches.flush();
    expect(store.windows.get('token:ip')).toEqual({ points: 1, expiresAt: now + 60_000 });
    jest.restoreAllMocks();
  });

  it("refuses every hit with the store's error while a batch cannot go in, and loses none of the points", async () => {
    const store = memoryStore();
    const batches = new RateLimitBatches(store.addHits, 60_000);
    const limiter = batches.limiter({ keyPrefix: 'token', points: 10, durationSeconds: 60 });
    await limiter.consume('ip');
    await limiter.consume('ip');
    const outage = new Error('Redis did not answer within 1500 ms');
    store.fail(outage);
    await batches.flush();
    await expect(limiter.consume('ip')).rejects.toBe(outage);

    store.fail(undefined);
    await batches.flush();
    expect(store.windows.get('token:ip')?.points).toBe(2);
    expect((await limiter.consume('ip')).consumedPoints).toBe(3);
  });

  it('sends what was counted when it closes, and schedules nothing after', async () => {
    jest.useFakeTimers();
    const store = memoryStore();
    const batches = new RateLimitBatches(store.addHits, 100);
    const limiter = batches.limiter({ keyPrefix: 'token', points: 10, durationSeconds: 60 });
    await limiter.consume('ip');
    await batches.close();
    expect(store.batches).toEqual([[{ key: 'token:ip', points: 1, durationMs: 60_000 }]]);
    await limiter.consume('ip');
    await jest.advanceTimersByTimeAsync(1000);
    expect(store.batches).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });
});

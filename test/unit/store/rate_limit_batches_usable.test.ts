import { describe, expect, it } from '@jest/globals';
import { RateLimitBatches, type CountedWindow, type RateLimitHits } from '../../../src/store/rate_limit_batches.js';

/** A store's side that counts what it is sent, fails while `failure` is set, and can hold its answer. */
function countingStore() {
  const state = {
    batches: [] as RateLimitHits[][],
    failure: undefined as Error | undefined,
    /** When set, a batch waits for it before it answers (or fails, as the store was when it was sent). */
    held: undefined as Promise<void> | undefined,
  };
  const addHits = async (hits: readonly RateLimitHits[]): Promise<CountedWindow[]> => {
    // A batch sent to a store that is down fails, whenever its answer comes.
    const failure = state.failure;
    if (state.held) await state.held;
    if (failure) throw failure;
    state.batches.push([...hits]);
    return hits.map(({ points, durationMs }) => ({ points, expiresAt: Date.now() + durationMs }));
  };
  return { state, addHits };
}

const outcome = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => error);

/** Batches far apart, so that only usable() can be what sent one. */
const NEVER_BY_ITSELF_MS = 60_000;

describe('rate limit batches: usable()', () => {
  it('sends nothing while the last batch went in', async () => {
    const store = countingStore();
    const batches = new RateLimitBatches(store.addHits, NEVER_BY_ITSELF_MS);
    await batches.limiter({ keyPrefix: 'token', points: 10, durationSeconds: 60 }).consume('ip');
    await batches.usable();
    expect(store.state.batches).toEqual([]);
  });

  it('rejects with the store error while the store is still down, and sends the kept points at once when it is back', async () => {
    const store = countingStore();
    const batches = new RateLimitBatches(store.addHits, NEVER_BY_ITSELF_MS);
    const limiter = batches.limiter({ keyPrefix: 'token', points: 10, durationSeconds: 60 });
    await limiter.consume('ip');
    const outage = new Error('Redis is not connected');
    store.state.failure = outage;
    await batches.flush();
    expect(await outcome(batches.usable())).toBe(outage);
    expect(await outcome(limiter.consume('ip'))).toBe(outage);

    store.state.failure = undefined;
    await batches.usable();
    expect(store.state.batches).toEqual([[{ key: 'token:ip', points: 1, durationMs: 60_000 }]]);
    expect((await limiter.consume('ip')).consumedPoints).toBe(2);
  });

  it('waits for a batch already on its way and, when that one fails, sends again instead of answering with its failure', async () => {
    const store = countingStore();
    const batches = new RateLimitBatches(store.addHits, NEVER_BY_ITSELF_MS);
    const limiter = batches.limiter({ keyPrefix: 'token', points: 10, durationSeconds: 60 });
    await limiter.consume('ip');
    store.state.failure = new Error('Redis is not connected');
    await batches.flush();

    let answer = () => undefined as void;
    store.state.held = new Promise((resolve) => (answer = resolve));
    const retry = batches.flush();
    const ready = batches.usable();
    // The store is back before the retry usable() found on its way fails.
    store.state.held = undefined;
    store.state.failure = undefined;
    answer();
    await retry;
    await ready;
    expect(store.state.batches).toEqual([[{ key: 'token:ip', points: 1, durationMs: 60_000 }]]);
  });
});

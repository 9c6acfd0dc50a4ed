import { expect, it } from '@jest/globals';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { describeEachStore } from '../../support/stores.js';
import { uniqueId } from './records.js';

describeEachStore('rate limiter', (h) => {
  it('allows the configured points in a window and rejects the next with the time to wait', async () => {
    const limiter = h.store().rateLimiter({ keyPrefix: uniqueId('login'), points: 2, durationSeconds: 60 });
    expect((await limiter.consume('203.0.113.7')).remainingPoints).toBe(1);
    expect((await limiter.consume('203.0.113.7')).remainingPoints).toBe(0);
    const rejection = await limiter.consume('203.0.113.7').catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(RateLimiterRes);
    expect((rejection as RateLimiterRes).msBeforeNext).toBeGreaterThan(50_000);
  });

  it('counts each key and each limiter separately', async () => {
    const keyPrefix = uniqueId('login');
    const limiter = h.store().rateLimiter({ keyPrefix, points: 1, durationSeconds: 60 });
    const other = h.store().rateLimiter({ keyPrefix: uniqueId('token'), points: 1, durationSeconds: 60 });
    await limiter.consume('203.0.113.7');
    await expect(limiter.consume('198.51.100.1')).resolves.toBeInstanceOf(RateLimiterRes);
    await expect(other.consume('203.0.113.7')).resolves.toBeInstanceOf(RateLimiterRes);
  });

  it('shares counts between store instances on the same database', async () => {
    const keyPrefix = uniqueId('login');
    const other = await h.testStore().reopen();
    await h.store().rateLimiter({ keyPrefix, points: 1, durationSeconds: 60 }).consume('203.0.113.7');
    await expect(other.rateLimiter({ keyPrefix, points: 1, durationSeconds: 60 }).consume('203.0.113.7')).rejects.toBeInstanceOf(
      RateLimiterRes,
    );
  });

  it('blocks for blockSeconds once the points are spent', async () => {
    const limiter = h.store().rateLimiter({ keyPrefix: uniqueId('login'), points: 1, durationSeconds: 1, blockSeconds: 600 });
    await limiter.consume('203.0.113.7');
    const rejection = (await limiter.consume('203.0.113.7').catch((error: unknown) => error)) as RateLimiterRes;
    expect(rejection.msBeforeNext).toBeGreaterThan(500_000);
  });
});

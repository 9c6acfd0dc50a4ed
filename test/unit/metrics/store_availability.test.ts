import { describe, expect, it } from '@jest/globals';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';

// fitgate_store_up asks the store at each scrape: 1 when it answers, 0 when it fails, and nothing at
// all in a process with no store to ask.

const storeUp = async (ping?: () => Promise<void>): Promise<string | undefined> => {
  const metrics = createPrometheusMetrics();
  if (ping) metrics.store.watchAvailability(ping);
  return /^fitgate_store_up (\S+)$/m.exec(await metrics.registry.metrics())?.[1];
};

describe('fitgate_store_up', () => {
  it('is 1 when the store answers the ping', async () => {
    expect(await storeUp(async () => undefined)).toBe('1');
  });

  it('is 0 when the ping fails', async () => {
    expect(await storeUp(async () => Promise.reject(new Error('ECONNREFUSED')))).toBe('0');
  });

  it('is absent when no store is watched, rather than a false 0', async () => {
    expect(await storeUp()).toBeUndefined();
  });
});

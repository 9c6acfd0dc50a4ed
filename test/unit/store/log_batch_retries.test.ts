import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LogEvent } from '../../../src/domain/types.js';
import { LogBatch } from '../../../src/store/sqlite/log_batch.js';

/** While the database refuses writes, a batch of log events is retried at a slowing pace and its failure reported a few times, not at every retry. */
describe('LogBatch retries while the database refuses writes', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('retries with a doubling wait, reports the 1st, 2nd, 4th and 8th failure, and writes the events once it can', () => {
    let refusing = true;
    const written: string[] = [];
    const attempts: number[] = [];
    const reports: unknown[] = [];
    const batch = new LogBatch(
      (events) => {
        attempts.push(Date.now());
        if (refusing) throw new Error('database is locked');
        written.push(...events.map((event) => event.id));
      },
      (error) => reports.push(error),
    );
    batch.add({ id: 'e1', tenant: 't', type: 's', date: new Date().toISOString() } as LogEvent);
    jest.advanceTimersByTime(20_000);
    expect(attempts.length).toBeGreaterThanOrEqual(8);
    expect(attempts.length).toBeLessThan(20);
    expect(reports).toHaveLength(Math.floor(Math.log2(attempts.length)) + 1);

    refusing = false;
    jest.advanceTimersByTime(5_000);
    expect(written).toEqual(['e1']);
  });
});

import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LogEvent } from '../../../src/domain/types.js';
import { RedisLogAppendBatch } from '../../../src/store/redis/log_append_batch.js';
import { LogBatch } from '../../../src/store/sqlite/log_batch.js';
import { MAX_PENDING_LOG_EVENTS } from '../../../src/store/log_events_kept.js';

// Log events the store will never hold are reported with their count, on both stores: those still
// unwritten when the store closes (a stop while Redis is paused), and those dropped beyond what is
// kept for retries while the store refuses writes. Silence would leave a hole in the log unsaid.

const event = (id: string) => ({ id, tenant: 't', type: 's', date: new Date().toISOString() }) as LogEvent;

const BATCHES = [
  ['the embedded store', (write: () => void, onLost: (count: number) => void) => new LogBatch(write, () => undefined, onLost)],
  ['Redis', (write: () => void, onLost: (count: number) => void) => new RedisLogAppendBatch(async () => write(), () => undefined, onLost)],
] as const;

describe.each(BATCHES)('log events lost on %s', (_store, batchOf) => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('are counted when the store closes with events it could not write', async () => {
    const lost: number[] = [];
    const batch = batchOf(() => {
      throw new Error('the store refuses writes');
    }, (count) => lost.push(count));
    batch.add(event('e1'));
    batch.add(event('e2'));
    await batch.close();
    expect(lost).toEqual([2]);
  });

  it('are none when the store closes with everything written', async () => {
    const lost: number[] = [];
    const batch = batchOf(() => undefined, (count) => lost.push(count));
    batch.add(event('e1'));
    await batch.close();
    expect(lost).toEqual([]);
  });

  it('are counted when a refusing store would keep more than the retry bound', async () => {
    const lost: number[] = [];
    const batch = batchOf(() => {
      throw new Error('the store refuses writes');
    }, (count) => lost.push(count));
    for (let index = 0; index < MAX_PENDING_LOG_EVENTS + 5; index++) batch.add(event(`e${index}`));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(lost.reduce((sum, count) => sum + count, 0)).toBe(5);
  });
});

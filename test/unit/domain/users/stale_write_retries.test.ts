import { describe, expect, it } from '@jest/globals';
import { pauseBeforeRetryMs, retryStale } from '../../../../src/domain/record_revisions.js';
import { NotFoundInStoreError, StaleRecordError } from '../../../../src/domain/ports.js';
import { RecordBusyError } from '../../../../src/errors/index.js';

/** Records the pauses asked for instead of waiting them out. */
function pauses() {
  const asked: number[] = [];
  return { asked, pause: async (ms: number) => void asked.push(ms) };
}

describe('retrying a user write that another process overtook', () => {
  it('tries again after a pause until the write lands', async () => {
    const { asked, pause } = pauses();
    let attempts = 0;
    const result = await retryStale(async () => {
      attempts += 1;
      if (attempts < 3) throw new StaleRecordError('user fitbit|A');
      return 'written';
    }, pause);

    expect(result).toBe('written');
    expect(asked).toHaveLength(2);
  });

  it('gives up after ten attempts with a retryable 503 (temporarily_unavailable, Retry-After)', async () => {
    const { asked, pause } = pauses();
    let attempts = 0;
    const run = retryStale(async () => {
      attempts += 1;
      throw new StaleRecordError('user fitbit|A');
    }, pause);

    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordBusyError);
    expect(error).toMatchObject({ status: 503, code: 'temporarily_unavailable', expose: true, headers: { 'Retry-After': '1' } });
    expect((error as RecordBusyError).cause).toBeInstanceOf(StaleRecordError);
    expect(attempts).toBe(10);
    expect(asked).toHaveLength(9);
    // Bounded: a write that stays overtaken answers in well under two seconds of pauses.
    expect(asked.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(1_400);
  });

  it('passes any other error through at once', async () => {
    const { asked, pause } = pauses();
    await expect(retryStale(() => Promise.reject(new NotFoundInStoreError('user fitbit|A')), pause)).rejects.toBeInstanceOf(NotFoundInStoreError);
    expect(asked).toEqual([]);
  });

  it('pauses a random time whose ceiling doubles from 10 ms up to 250 ms', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 9].map((failed) => pauseBeforeRetryMs(failed, () => 0.999_999));
    expect(ceilings).toEqual([9, 19, 39, 79, 159, 249, 249]);
    expect(pauseBeforeRetryMs(4, () => 0)).toBe(0);
    expect(pauseBeforeRetryMs(4, () => 0.5)).toBe(40);
  });
});

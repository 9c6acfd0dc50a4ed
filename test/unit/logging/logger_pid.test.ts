import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

// With workers every process writes the same lines ("Redis connection lost ..."); the pid on each
// line tells which process wrote it.

describe('the process logger', () => {
  it("names the service and this process's pid on every line", async () => {
    const { lines, destination } = captureLogLines();
    const logger = createLogger({ level: 'info', destination });
    logger.warn('Redis connection lost');
    logger.child({ component: 'store' }).info('Redis connection is back');
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ service: 'fitgate', pid: process.pid, msg: 'Redis connection lost' }),
      expect.objectContaining({ service: 'fitgate', pid: process.pid, msg: 'Redis connection is back' }),
    ]);
  });

  it('names the cluster worker it is given on every line, and none otherwise', () => {
    const worker = captureLogLines();
    createLogger({ level: 'info', destination: worker.destination, worker: 2 }).child({ component: 'store' }).warn('Redis connection lost');
    const single = captureLogLines();
    createLogger({ level: 'info', destination: single.destination }).warn('Redis connection lost');
    expect(JSON.parse(worker.lines[0]!)).toMatchObject({ pid: process.pid, worker: 2 });
    expect(JSON.parse(single.lines[0]!)).not.toHaveProperty('worker');
  });
});

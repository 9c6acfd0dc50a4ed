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
});

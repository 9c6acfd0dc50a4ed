import { describe, expect, it } from '@jest/globals';
import { RecordBusyError, ServerError, StoreFullError, StoreUnavailableError } from '../../../src/errors/index.js';
import { createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

interface Line {
  err?: { type?: string; message?: string; code?: string; stack?: string };
}

function loggedError(error: Error): Line['err'] {
  const { lines, destination } = captureLogLines();
  createLogger({ level: 'info', destination }).error({ err: error }, 'request errored');
  return (JSON.parse(lines[0]!) as Line).err;
}

/**
 * During a store outage every request's line carries the store's error: with its stack and its
 * driver cause's, a line is about five times as long, when operators read the log most. An error
 * fitgate expects and has named is logged by its class, message (with its cause's) and code; a
 * failure nobody expected keeps its stack, which is how it gets fixed.
 */
describe('errors in the log', () => {
  it('an expected one is its class, message with the cause, and code, without a stack', () => {
    for (const error of [
      new StoreUnavailableError({ cause: new Error('The client is offline') }),
      new StoreFullError({ cause: new Error("OOM command not allowed when used memory > 'maxmemory'.") }),
      new RecordBusyError(),
    ]) {
      const err = loggedError(error);
      expect(err).toMatchObject({ type: error.constructor.name, message: expect.stringContaining(error.message), code: error.code });
      expect(err).not.toHaveProperty('stack');
    }
    expect(loggedError(new StoreUnavailableError({ cause: new Error('The client is offline') }))?.message).toContain('The client is offline');
  });

  it('an unexpected one keeps its stack, its cause included', () => {
    const bug = loggedError(new TypeError("Cannot read properties of undefined (reading 'callbacks')"));
    expect(bug?.stack).toContain('expected_errors_without_stack.test');
    const wrapped = loggedError(new ServerError('The login failed inside fitgate.', { cause: new RangeError('bad offset') }));
    expect(wrapped?.stack).toContain('caused by: RangeError: bad offset');
  });
});

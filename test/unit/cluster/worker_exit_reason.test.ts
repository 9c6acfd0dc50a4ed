import { describe, expect, it } from '@jest/globals';
import { STORE_UNAVAILABLE_EXIT_CODE } from '../../../src/cluster/messages.js';
import { WORKER_EXIT_REASONS, workerExitReason } from '../../../src/cluster/worker_exit_reason.js';

// The `reason` label of fitgate_worker_restarts_total: a few fixed words, whatever the exit code.

describe('why a worker stopped', () => {
  it('is signal when it was killed, whatever the signal', () => {
    expect(workerExitReason(null, 'SIGKILL')).toBe('signal');
    expect(workerExitReason(null, 'SIGSEGV')).toBe('signal');
  });

  it('is unresponsive when the primary killed it for answering no heartbeat', () => {
    expect(workerExitReason(null, 'SIGKILL', true)).toBe('unresponsive');
    // It exited of itself before the kill landed: its own exit says why.
    expect(workerExitReason(1, null, true)).toBe('crash');
  });

  it('is store_unavailable for the exit code of a store unavailable for now', () => {
    expect(workerExitReason(STORE_UNAVAILABLE_EXIT_CODE, null)).toBe('store_unavailable');
  });

  it('is crash for any other failing code, and clean_exit for 0', () => {
    for (const code of [1, 2, 7, 134, 255]) expect(workerExitReason(code, null)).toBe('crash');
    expect(workerExitReason(0, null)).toBe('clean_exit');
  });

  it('is one of the reasons exported from 0', () => {
    expect(WORKER_EXIT_REASONS).toEqual(['signal', 'unresponsive', 'store_unavailable', 'crash', 'clean_exit']);
  });
});

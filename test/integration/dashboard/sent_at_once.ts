import { jest } from '@jest/globals';
import type { LockStore } from '../../../src/domain/ports.js';

export interface Meeting {
  /** `write` (the store write the form makes), the first call held until both posts have arrived. */
  held<A extends unknown[], R>(write: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  /** How many times the held write was called. */
  writes(): number;
}

/**
 * For two posts of one form sent at once: the first to write waits until the other has arrived too
 * (found the form claimed, or come to write itself), so the two meet while the first is at work
 * rather than one after the other. Spies on `locks`: undone by jest.restoreAllMocks().
 */
export function meetAtTheWrite(locks: LockStore): Meeting {
  let bothArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (bothArrived = resolve));
  const tryAcquire = locks.tryAcquire.bind(locks);
  jest.spyOn(locks, 'tryAcquire').mockImplementation(async (name, ttlMs) => {
    const token = await tryAcquire(name, ttlMs);
    if (token === undefined) bothArrived();
    return token;
  });
  let writes = 0;
  return {
    held:
      (write) =>
      async (...args) => {
        if (++writes > 1) bothArrived();
        await arrived;
        return write(...args);
      },
    writes: () => writes,
  };
}

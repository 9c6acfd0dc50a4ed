import { afterAll, afterEach, beforeAll } from '@jest/globals';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';

export interface UseEmulatorOptions extends EmulatorOptions {
  /**
   * Return the emulator to what its options seeded after each test (default true), so no test sees
   * another's apps, grants, failures or clock. Off for files whose tests build on one another.
   */
  readonly resetAfterEach?: boolean;
}

/**
 * One emulator for the test file that calls this at its top level (or in a describe): started in
 * beforeAll, reset after each test, closed in afterAll. The handle reads the running emulator, so
 * its `url` and `control` are usable in tests and hooks, not while the file is being collected.
 */
export function useEmulator(options: UseEmulatorOptions = {}): TestEmulator {
  const { resetAfterEach = true, ...emulatorOptions } = options;
  let running: TestEmulator | undefined;
  const current = (): TestEmulator => {
    if (!running) throw new Error('the test emulator is not running: read it inside a test or hook of the file that called useEmulator()');
    return running;
  };

  beforeAll(async () => {
    running = await startTestEmulator(emulatorOptions);
  });
  if (resetAfterEach) afterEach(() => current().control.reset());
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });

  return emulatorHandle(current, async () => {
    const emulator = current();
    running = undefined;
    await emulator.close();
  });
}

/**
 * A TestEmulator handed out before the emulator starts: its `url` and `control` read the one
 * `current()` returns (which throws while none runs), and `close` is the owner's way of ending it.
 */
export function emulatorHandle(current: () => TestEmulator, close: () => Promise<void>): TestEmulator {
  return {
    get url() {
      return current().url;
    },
    get control() {
      return current().control;
    },
    close,
  };
}

import type { TestEmulator } from '../../support/emulator.js';

/**
 * Every refresh request that reached the legacy token endpoint: served, answered from the replay
 * window, or refused as concurrent. Counting only `refreshes` would miss a second refresh the
 * emulator answers as a replay.
 */
export function legacyRefreshRequests(emulator: TestEmulator): number {
  const counters = emulator.control.counters()['fitbit-legacy'];
  return counters.refreshes + counters.refreshReplays + counters.refreshConflicts;
}

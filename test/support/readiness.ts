import { READY_REUSE_MS, READY_TIMEOUT_MS } from '../../src/http/readiness.js';

/** Between probes while waiting for a change. */
const PROBE_INTERVAL_MS = 50;

/**
 * /health/ready answers every probe from one check for READY_REUSE_MS (src/http/health.ts), so a
 * change of the store shows within that window, not necessarily at the very next probe. Probes
 * until `changed` holds or the window has surely passed (plus one check's bound), and returns the
 * last answer for the test to check: a readiness that never changes still fails the test.
 */
export async function readinessOnceChanged<T>(probe: () => PromiseLike<T>, changed: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + READY_REUSE_MS + READY_TIMEOUT_MS + 500;
  for (;;) {
    const answer = await probe();
    if (changed(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
}

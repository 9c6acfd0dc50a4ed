import { performance } from 'node:perf_hooks';

/**
 * `check`, run at most once at a time and at most once per `reuseMs`: whoever asks while it runs
 * waits for that same run, and whoever asks within `reuseMs` after it settled gets its outcome
 * (success or failure alike, so a failure is not stuck for longer than that either). For a check
 * that is public and costs more than its answer is worth repeating: a flood of callers becomes one
 * check per window. `reuseMs` 0: callers share a run in progress only.
 */
export function sharedCheck<T>(check: () => Promise<T>, reuseMs: number, now: () => number = () => performance.now()): () => Promise<T> {
  let running: Promise<T> | undefined;
  let last: { readonly outcome: Promise<T>; readonly settledAt: number } | undefined;
  return () => {
    if (running) return running;
    if (last && now() - last.settledAt < reuseMs) return last.outcome;
    const outcome = check();
    running = outcome;
    const settle = () => {
      running = undefined;
      last = { outcome, settledAt: now() };
    };
    outcome.then(settle, settle);
    return outcome;
  };
}

import { setTimeout as delay } from 'node:timers/promises';
import { HopTimes, type LatencySummary } from './latency.js';

/**
 * Virtual users: `concurrency` loops, each running one iteration after another until the duration
 * is over (closed loop: the peak). With `ratePerSecond`, iterations start on a fixed schedule
 * instead (open loop), so latency is measured at a chosen fraction of the peak without the
 * queueing a closed loop adds.
 */
export interface LoadPlan {
  concurrency: number;
  durationMs: number;
  ratePerSecond?: number;
  /** Stops after this many iterations even if time is left (e.g. when the prepared codes run out). */
  iterations?: number;
}

export interface LoadOutcome {
  completed: number;
  errors: number;
  /** The first few failure messages, for the report. */
  errorSamples: string[];
  elapsedMs: number;
  hops: Record<string, LatencySummary>;
}

/** One iteration: `sequence` counts iterations across all virtual users, from 0. */
export type Iteration = (times: HopTimes, sequence: number) => Promise<void>;

/** How many failure messages a run keeps for the report. */
export const ERROR_SAMPLES = 5;

/** Runs the plan; hop times go into `times`, which a measurement made of several runs shares. */
export async function runLoad(plan: LoadPlan, hops: readonly string[], iteration: Iteration, times = new HopTimes(hops)): Promise<LoadOutcome> {
  const started = performance.now();
  const end = started + plan.durationMs;
  let sequence = 0;
  let completed = 0;
  let errors = 0;
  const errorSamples: string[] = [];

  const virtualUser = async (): Promise<void> => {
    for (;;) {
      const ticket = sequence++;
      if (plan.iterations !== undefined && ticket >= plan.iterations) return;
      if (plan.ratePerSecond !== undefined) {
        const startAt = started + (ticket * 1000) / plan.ratePerSecond;
        if (startAt >= end) return;
        const wait = startAt - performance.now();
        if (wait > 0) await delay(wait);
      } else if (performance.now() >= end) {
        return;
      }
      try {
        await iteration(times, ticket);
        completed++;
      } catch (error) {
        errors++;
        if (errorSamples.length < ERROR_SAMPLES) errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };

  await Promise.all(Array.from({ length: plan.concurrency }, virtualUser));
  return { completed, errors, errorSamples, elapsedMs: performance.now() - started, hops: times.summary() };
}

import { round } from './latency.js';
import { runLoad, type Iteration, type LoadPlan } from './load.js';
import { CpuMeter, treeRssBytes } from './process_usage.js';
import type { LoadResult } from './result_schema.js';

/**
 * The processes whose CPU a measurement charges: the server under test (with its workers, if any)
 * and the emulator behind it.
 */
export interface Measured {
  serverPid: number;
  emulatorPid: number;
}

/** Runs the load and reads, around it, the CPU the server and the emulator spent on it. */
export async function measure(plan: LoadPlan, hops: readonly string[], iteration: Iteration, processes: Measured): Promise<LoadResult> {
  const cpu = new CpuMeter({ server: processes.serverPid, emulator: processes.emulatorPid });
  const outcome = await runLoad(plan, hops, iteration);
  const spent = cpu.elapsed();
  const perOp = (ms: number | undefined): number => (outcome.completed === 0 ? 0 : round((ms ?? 0) / outcome.completed, 3));
  const seconds = outcome.elapsedMs / 1000;
  return {
    concurrency: plan.concurrency,
    ...(plan.ratePerSecond === undefined ? {} : { targetPerSecond: round(plan.ratePerSecond, 1) }),
    seconds: round(seconds, 3),
    completed: outcome.completed,
    errors: outcome.errors,
    errorSamples: outcome.errorSamples,
    perSecond: round(outcome.completed / seconds, 1),
    cpuMsPerOp: perOp(spent.server),
    emulatorCpuMsPerOp: perOp(spent.emulator),
    rssBytes: treeRssBytes(processes.serverPid),
    hops: outcome.hops,
  };
}

/** The level with the most completed operations per second. */
export function peakOf(levels: readonly LoadResult[]): LoadResult {
  const best = levels.reduce<LoadResult | undefined>((top, level) => (top === undefined || level.perSecond > top.perSecond ? level : top), undefined);
  if (!best) throw new Error('no level was measured');
  return best;
}

/** The slowest hop's p99. */
export function worstP99(result: LoadResult): number {
  return Math.max(0, ...Object.values(result.hops).map((hop) => hop.p99));
}

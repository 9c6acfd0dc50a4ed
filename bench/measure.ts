import { HopTimes, round } from './latency.js';
import { ERROR_SAMPLES, runLoad, type Iteration, type LoadPlan } from './load.js';
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
  const measurement = new Measurement(hops, iteration, processes);
  await measurement.round(plan);
  return measurement.result(plan);
}

/**
 * One measurement made of rounds of load, so two servers can be measured in turns: the CPU, the
 * iterations, the errors and the hop times are summed over the rounds, as if they were one run.
 */
export class Measurement {
  private readonly times: HopTimes;
  private completed = 0;
  private errors = 0;
  private readonly errorSamples: string[] = [];
  private elapsedMs = 0;
  private serverCpuMs = 0;
  private emulatorCpuMs = 0;

  constructor(
    hops: readonly string[],
    private readonly iteration: Iteration,
    private readonly processes: Measured,
  ) {
    this.times = new HopTimes(hops);
  }

  async round(plan: LoadPlan): Promise<void> {
    const cpu = new CpuMeter({ server: this.processes.serverPid, emulator: this.processes.emulatorPid });
    const outcome = await runLoad(plan, this.times.hops, this.iteration, this.times);
    const spent = cpu.elapsed();
    this.serverCpuMs += spent.server ?? 0;
    this.emulatorCpuMs += spent.emulator ?? 0;
    this.completed += outcome.completed;
    this.errors += outcome.errors;
    this.errorSamples.push(...outcome.errorSamples.slice(0, Math.max(0, ERROR_SAMPLES - this.errorSamples.length)));
    this.elapsedMs += outcome.elapsedMs;
  }

  /** The rounds so far as one result; `plan` names the concurrency and rate they ran at. */
  result(plan: Pick<LoadPlan, 'concurrency' | 'ratePerSecond'>): LoadResult {
    const perOp = (ms: number): number => (this.completed === 0 ? 0 : round(ms / this.completed, 3));
    const seconds = this.elapsedMs / 1000;
    return {
      concurrency: plan.concurrency,
      ...(plan.ratePerSecond === undefined ? {} : { targetPerSecond: round(plan.ratePerSecond, 1) }),
      seconds: round(seconds, 3),
      completed: this.completed,
      errors: this.errors,
      errorSamples: [...this.errorSamples],
      perSecond: round(this.completed / seconds, 1),
      cpuMsPerOp: perOp(this.serverCpuMs),
      emulatorCpuMsPerOp: perOp(this.emulatorCpuMs),
      rssBytes: treeRssBytes(this.processes.serverPid),
      hops: this.times.summary(),
    };
  }
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

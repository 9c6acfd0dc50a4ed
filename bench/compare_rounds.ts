import { round } from './latency.js';
import { Measurement } from './measure.js';
import type { LoadPlan } from './load.js';
import type { LoadResult } from './result_schema.js';
import { inTurn, type Contender } from './versus_peer.js';

/** One round of a comparison: each build's result, and the other build's CPU per login over this one's. */
export interface ComparedRound {
  ours: LoadResult;
  theirs: LoadResult;
  /** theirs ÷ ours, CPU per login: above 1, this build is the cheaper one. */
  cpuRatio: number;
}

/**
 * Two builds of fitgate under the same load in `rounds` rounds, this one first in even rounds and
 * the other first in odd ones, so both share the machine's drift. Each round is judged on its own;
 * the median of the rounds' ratios is this pair of processes' measurement, and bench:compare judges
 * a change by several pairs (compare_builds.ts), since the rounds of one pair share their processes'
 * difference. Two runs of each once let a change through that eight alternating rounds then refused
 * (docs/storage.md, *Why the fsync stays inside COMMIT*).
 */
export async function compareInRounds(
  ours: Contender,
  theirs: Contender,
  plan: LoadPlan,
  rounds: number,
  onRound: (round: ComparedRound, index: number) => void = () => undefined,
): Promise<ComparedRound[]> {
  const results: ComparedRound[] = [];
  for (let index = 0; index < rounds; index++) {
    const measurements = [ours, theirs].map((contender) => new Measurement(contender.hops, contender.iteration, contender.processes));
    for (const measurement of inTurn(measurements, index)) await measurement.round(plan);
    const [mine, other] = measurements.map((measurement) => measurement.result(plan)) as [LoadResult, LoadResult];
    const round = { ours: mine, theirs: other, cpuRatio: mine.cpuMsPerOp === 0 ? 0 : other.cpuMsPerOp / mine.cpuMsPerOp };
    onRound(round, index);
    results.push(round);
  }
  return results;
}

/** The median of the values (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('the median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What the interval lets one say: a difference is resolved only when the whole interval is on one side of 1. */
export function verdict(interval: { low: number; high: number } | undefined): string {
  if (!interval) return 'one pair of processes has no spread to judge by: run --pairs 2 or more for an interval';
  const percent = (ratio: number): number => round(Math.abs(ratio - 1) * 100, 1);
  if (interval.low > 1) return `resolved: the other build costs ${percent(interval.low)}-${percent(interval.high)} % more CPU per login`;
  if (interval.high < 1) return `resolved: the other build costs ${percent(interval.high)}-${percent(interval.low)} % less CPU per login`;
  return 'not resolved: the interval holds 1, so the two builds cannot be told apart with this many pairs';
}

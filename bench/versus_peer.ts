import { round } from './latency.js';
import { runLoad, type Iteration } from './load.js';
import { Measurement, peakOf, type Measured } from './measure.js';
import type { LoadResult } from './result_schema.js';

/**
 * fitgate against the peer at the same levels, shared by both upstream modes so each mode's
 * numbers come from the same procedure.
 */

/** One server under load: its login, the hops the login is timed in, and the processes charged for it. */
export interface Contender {
  hops: readonly string[];
  iteration: Iteration;
  processes: Measured;
}

export interface PairedLevels {
  fitgate: { levels: LoadResult[]; peak: LoadResult };
  peer: { levels: LoadResult[]; peak: LoadResult };
}

/** Unmeasured load on each in turn, so neither is measured with a cold JIT or empty connection pools. */
export async function warmUp(contenders: readonly Contender[], concurrency: number, seconds: number): Promise<void> {
  for (const { hops, iteration } of contenders) await runLoad({ concurrency, durationMs: seconds * 1000 }, hops, iteration);
}

/**
 * Rounds per level. A shared machine's speed drifts by tens of percent over a minute (other tenants,
 * CPU frequency); measured in one block each, fitgate and the peer could be timed on different
 * machines. In alternating rounds they share the drift, and the ratio between them holds still.
 */
export const ROUNDS_PER_LEVEL = 4;

/**
 * Each level measured for fitgate and for the peer in alternating rounds (each starting every other
 * round), `durationMs` each in all, so both see the same machine.
 */
export async function measureLevels(
  levels: readonly number[],
  durationMs: number,
  fitgate: Contender,
  peer: Contender,
  progress: (line: string) => void,
): Promise<PairedLevels> {
  const fitgateLevels: LoadResult[] = [];
  const peerLevels: LoadResult[] = [];
  for (const concurrency of levels) {
    const plan = { concurrency, durationMs: durationMs / ROUNDS_PER_LEVEL };
    const both = [fitgate, peer].map((contender) => new Measurement(contender.hops, contender.iteration, contender.processes));
    for (let turn = 0; turn < ROUNDS_PER_LEVEL; turn++) {
      for (const measurement of turn % 2 === 0 ? both : [...both].reverse()) await measurement.round(plan);
    }
    const [ours, theirs] = both.map((measurement) => measurement.result(plan)) as [LoadResult, LoadResult];
    progress(`${concurrency} users: fitgate ${ours.perSecond} logins/s (${ours.errors} errors), peer ${theirs.perSecond} (${theirs.errors} errors)`);
    fitgateLevels.push(ours);
    peerLevels.push(theirs);
  }
  return { fitgate: { levels: fitgateLevels, peak: peakOf(fitgateLevels) }, peer: { levels: peerLevels, peak: peakOf(peerLevels) } };
}

/** fitgate's figure as a multiple of the peer's; 0 when the peer's is 0. */
export function ratio(ours: number, theirs: number): number {
  return theirs === 0 ? 0 : round(ours / theirs, 2);
}

/** fitgate's peak throughput and CPU per login as multiples of the peer's. */
export function peakRatios({ fitgate, peer }: PairedLevels): { throughput: number; cpuPerLogin: number } {
  return {
    throughput: ratio(fitgate.peak.perSecond, peer.peak.perSecond),
    cpuPerLogin: ratio(fitgate.peak.cpuMsPerOp, peer.peak.cpuMsPerOp),
  };
}

import { FITGATE_HOPS, fitgateLogin, type FitgateTarget } from './flows.js';
import { round } from './latency.js';
import { runLoad, type Iteration, type LoadPlan } from './load.js';
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

/** fitgate as a contender: complete logins through `target`, as `loginAs(sequence)`, charged to `processes`. */
export function fitgateContender(target: FitgateTarget, processes: Measured, loginAs: (sequence: number) => string): Contender {
  return {
    hops: FITGATE_HOPS,
    iteration: async (times, sequence) => void (await fitgateLogin(target, times, loginAs(sequence))),
    processes,
  };
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
 * Rounds per measurement of servers in turn. A shared machine's speed drifts by tens of percent over
 * a minute (other tenants, CPU frequency); measured in one block each, two servers could be timed on
 * different machines. In alternating rounds they share the drift, and the ratio between them holds.
 */
export const ROUNDS_IN_TURNS = 4;

/**
 * The contenders under the same load in ROUNDS_IN_TURNS alternating rounds (the first ahead in
 * even rounds, the last in odd ones: fitgate, peer, peer, fitgate, ...), `plan.durationMs` each in
 * all: one result per contender, its rounds summed.
 */
export async function measureInTurns(plan: LoadPlan, contenders: readonly Contender[]): Promise<LoadResult[]> {
  const measurements = contenders.map((contender) => new Measurement(contender.hops, contender.iteration, contender.processes));
  const each = { ...plan, durationMs: plan.durationMs / ROUNDS_IN_TURNS };
  for (let turn = 0; turn < ROUNDS_IN_TURNS; turn++) {
    for (const measurement of inTurn(measurements, turn)) await measurement.round(each);
  }
  return measurements.map((measurement) => measurement.result(plan));
}

/** The order of a round: as given in even rounds, reversed in odd ones, so no contender always goes first. */
export function inTurn<T>(contenders: readonly T[], round: number): readonly T[] {
  return round % 2 === 0 ? contenders : [...contenders].reverse();
}

/** Each level measured for fitgate and the peer in turns (measureInTurns), so both see the same machine. */
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
    const [ours, theirs] = (await measureInTurns({ concurrency, durationMs }, [fitgate, peer])) as [LoadResult, LoadResult];
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

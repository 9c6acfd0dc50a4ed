import type { FitbitApi } from '../src/connections/fitbit/index.js';
import { worstP99 } from './measure.js';
import type { LoadResult, PeerComparison, StoreRun, Target } from './result_schema.js';

/** The targets of issues 7 and 13 for this 2-core machine, each judged from one store's run. */

const MIN_LOGINS_PER_SECOND = { sqlite: 300, redis: 250 } as const;
const MAX_CPU_RATIO = 2;
const MAX_P99_MS = 25;
const MAX_REDIS_BYTES_PER_SESSION = 2048;
const MAX_CLIENT_SCALING_LOSS = 0.1;
/** The CPU targets keep their first ids for google-health; the legacy mode's carry a suffix. */
const ID_SUFFIX: Record<FitbitApi, string> = { 'google-health': '', 'fitbit-legacy': '_legacy' };

export function judgeTargets(runs: readonly StoreRun[]): Target[] {
  return runs.flatMap((run) => {
    const targets: Target[] = [];
    const minimum = MIN_LOGINS_PER_SECOND[run.store];
    targets.push({
      id: 'throughput',
      store: run.store,
      description: `at least ${minimum} complete logins per second`,
      actual: `${run.fitgate.peak.perSecond} /s at ${run.fitgate.peak.concurrency} users`,
      met: run.fitgate.peak.perSecond >= minimum,
    });
    targets.push(...cpuTargets(run.store, 'google-health', run), ...cpuTargets(run.store, 'fitbit-legacy', run.legacy));
    for (const [share, result] of [
      [70, run.fitgate.atSeventyPercent],
      [50, run.fitgate.atFiftyPercent],
    ] as const) {
      const p99 = worstP99(result);
      targets.push({
        id: `p99_at_${share}_percent`,
        store: run.store,
        description: `p99 of every hop at most ${MAX_P99_MS} ms at ${share} % of peak${share === 50 ? ' (issue 13)' : ''}`,
        actual: `worst hop p99 ${p99} ms (${slowestHop(result)})`,
        met: p99 <= MAX_P99_MS && result.errors === 0,
      });
    }
    if (run.memory.redis) {
      targets.push({
        id: 'redis_bytes_per_session',
        store: run.store,
        description: `at most ${MAX_REDIS_BYTES_PER_SESSION} bytes of Redis per session`,
        actual: `${run.memory.redis.bytesPerSession} bytes`,
        met: run.memory.redis.bytesPerSession <= MAX_REDIS_BYTES_PER_SESSION,
      });
    }
    const [baseline, manyClients] = run.scale;
    const loss = baseline && manyClients && baseline.result.perSecond > 0 ? 1 - manyClients.result.perSecond / baseline.result.perSecond : 1;
    targets.push({
      id: 'client_scaling',
      store: run.store,
      description: `less than ${MAX_CLIENT_SCALING_LOSS * 100} % throughput lost from 1 to ${manyClients ? manyClients.clients : 'many'} clients`,
      actual: `${baseline?.result.perSecond ?? 0} → ${manyClients?.result.perSecond ?? 0} /s (${Math.round(loss * 1000) / 10} % lost)`,
      met: loss < MAX_CLIENT_SCALING_LOSS,
    });
    return targets;
  });
}

/** The CPU rule in one upstream mode: at each one's peak, and at every measured concurrency. */
function cpuTargets(store: StoreRun['store'], upstream: FitbitApi, { fitgate, peer, ratios }: PeerComparison): Target[] {
  const worst = worstCpuRatio(fitgate.levels, peer.levels);
  const idSuffix = ID_SUFFIX[upstream];
  return [
    {
      id: `cpu_per_login${idSuffix}`,
      store,
      description: `fitgate CPU per login at most ${MAX_CPU_RATIO}× the peer's, ${upstream} upstream`,
      actual: `${fitgate.peak.cpuMsPerOp} ms vs ${peer.peak.cpuMsPerOp} ms (${ratios.cpuPerLogin}×)`,
      met: ratios.cpuPerLogin <= MAX_CPU_RATIO,
    },
    {
      id: `cpu_per_login_every_level${idSuffix}`,
      store,
      description: `fitgate CPU per login at most ${MAX_CPU_RATIO}× the peer's at every measured concurrency, ${upstream} upstream (issue 13)`,
      actual: `worst ${worst.ratio}× at ${worst.concurrency} users`,
      met: worst.ratio <= MAX_CPU_RATIO,
    },
  ];
}

/** The level where fitgate's CPU per login is the largest multiple of the peer's at the same level. */
function worstCpuRatio(fitgateLevels: readonly LoadResult[], peerLevels: readonly LoadResult[]): { ratio: number; concurrency: number } {
  return fitgateLevels.reduce(
    (worst, level, index) => {
      const peer = peerLevels[index];
      const ratio = peer && peer.cpuMsPerOp > 0 ? Math.round((level.cpuMsPerOp / peer.cpuMsPerOp) * 100) / 100 : Infinity;
      return ratio > worst.ratio ? { ratio, concurrency: level.concurrency } : worst;
    },
    { ratio: 0, concurrency: 0 },
  );
}

function slowestHop(result: LoadResult): string {
  const hops = Object.entries(result.hops);
  const slowest = hops.reduce<[string, number] | undefined>((top, [hop, latency]) => (top === undefined || latency.p99 > top[1] ? [hop, latency.p99] : top), undefined);
  return slowest ? slowest[0] : 'none';
}

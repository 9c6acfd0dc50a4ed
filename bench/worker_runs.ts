import { createClient } from 'redis';
import type { RedisStore } from '../src/store/redis/redis_store.js';
import { setUpFitgate } from './fitgate_setup.js';
import type { HttpClient } from './http_client.js';
import { round } from './latency.js';
import { runLoad } from './load.js';
import type { BenchOptions } from './options.js';
import { deleteUnder } from './redis_memory.js';
import type { LoadResult, WorkerRun } from './result_schema.js';
import { startFitgate, type RunningServer } from './servers.js';
import { fitgateContender, measureInTurns, type Contender } from './versus_peer.js';

export interface WorkerRunContext {
  options: BenchOptions;
  http: HttpClient;
  emulator: RunningServer;
  progress: (line: string) => void;
  /** The emulator user of the sequence-th login. */
  loginAs: (sequence: number) => string;
}

/**
 * FITGATE_WORKERS=1 against FITGATE_WORKERS=N on one store, at the same load: the run's one-process
 * fitgate (`single`, as the run measures it) and a second fitgate with N workers on a fresh store, set up the same way and
 * warmed up as long per worker, measured in turns (measureInTurns) so both see the same machine.
 * Enough virtual users (8 per worker at least) to keep every worker busy. CPU per login is summed
 * over the primary and every worker. The N-worker process and its Redis keys are gone when this
 * returns or throws.
 */
export async function compareWorkers(
  store: 'sqlite' | 'redis',
  workers: number,
  single: Contender,
  context: WorkerRunContext,
): Promise<WorkerRun> {
  const { options, http, emulator, loginAs } = context;
  const concurrency = Math.max(...options.levels, 8 * workers);

  const clustered = await startFitgate(store, emulator.url, options.redisUrl, { workers });
  // Starting N workers can take longer than the emulator's keep-alive timeout on a loaded machine:
  // its idle sockets would then fail the first logins with "socket hang up".
  http.dropIdleConnections();
  try {
    const { application } = await setUpFitgate(http, clustered.url, emulator.url, clustered.bootstrap);
    const many = fitgateContender({ http, url: clustered.url, application }, { serverPid: clustered.process.pid, emulatorPid: emulator.process.pid }, loginAs);
    // The one-process fitgate served the warm-up and every level before this; each worker compiles
    // its own code, at 1/N of the load, so the cluster gets N times that before it is measured
    // (otherwise the comparison charges the cluster for its JIT, not for coordination).
    const warmUpSeconds = workers * (options.warmupSeconds + options.levels.length * options.durationSeconds);
    await runLoad({ concurrency, durationMs: warmUpSeconds * 1000 }, many.hops, many.iteration);
    http.dropIdleConnections();
    const [one, all] = (await measureInTurns({ concurrency, durationMs: options.durationSeconds * 1000 }, [single, many])) as [LoadResult, LoadResult];
    context.progress(`1 worker at ${concurrency} users: ${one.perSecond} logins/s, ${one.cpuMsPerOp} CPU ms/login`);
    context.progress(`${workers} workers at ${concurrency} users: ${all.perSecond} logins/s, ${all.cpuMsPerOp} CPU ms/login`);
    return {
      workers,
      concurrency,
      single: one,
      multiple: all,
      throughputRatio: one.perSecond === 0 ? 0 : round(all.perSecond / one.perSecond, 2),
      cpuPerLoginRatio: one.cpuMsPerOp === 0 ? 0 : round(all.cpuMsPerOp / one.cpuMsPerOp, 2),
    };
  } finally {
    http.dropIdleConnections();
    await clustered.stop();
    if (clustered.config.redis) await deleteKeys(options.redisUrl, clustered.config.redis.prefix);
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await deleteUnder(client as unknown as RedisStore['client'], prefix);
  } finally {
    client.destroy();
  }
}

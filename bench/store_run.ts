import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { RedisStore } from '../src/store/redis/redis_store.js';
import { allowRedirectUri, benchUserLogin, GOOGLE_APP } from './emulator_setup.js';
import { measureEndpoints } from './endpoint_runs.js';
import { setUpFitgate } from './fitgate_setup.js';
import { beginFitgateLogin, FITGATE_HOPS, PEER_HOPS, peerLogin, type FitgateTarget } from './flows.js';
import { CookieJar, type HttpClient } from './http_client.js';
import { round } from './latency.js';
import { measureLegacy } from './legacy_run.js';
import { measure } from './measure.js';
import type { BenchOptions } from './options.js';
import { rssBytes } from './process_usage.js';
import { bytesPerPendingLogin, bytesPerSession, deleteUnder } from './redis_memory.js';
import type { StoreRun } from './result_schema.js';
import { measureScale } from './scale_runs.js';
import { startFitgate, startPeer, type RunningFitgate, type RunningServer } from './servers.js';
import { StorePopulation } from './store_population.js';
import { countStoreWrites } from './store_writes.js';
import { fitgateContender, measureLevels, peakRatios, ratio, warmUp, type Contender } from './versus_peer.js';
import { compareWorkers } from './worker_runs.js';

export interface StoreRunContext {
  options: BenchOptions;
  http: HttpClient;
  emulator: RunningServer;
  progress: (line: string) => void;
}

/**
 * Everything measured on one store: fitgate and the peer (each its own process) at every level, in
 * the google-health upstream mode and then in the fitbit-legacy one, latency at 70 % and 50 % of
 * fitgate's peak, the endpoints alone, memory, and the scale runs. Every process and every Redis
 * key it started is gone when this returns or throws.
 */
export async function runStore(store: 'sqlite' | 'redis', context: StoreRunContext): Promise<StoreRun> {
  const { options, http, emulator } = context;
  const progress = (line: string): void => context.progress(`${store}: ${line}`);
  const peerRedis = store === 'redis' ? { url: options.redisUrl, prefix: `peer-bench:${process.pid}:${randomBytes(4).toString('hex')}:` } : undefined;
  const fitgate = await startFitgate(store, emulator.url, options.redisUrl, { profileDir: options.profileDir });
  let peer: RunningServer | undefined;
  let population: StorePopulation | undefined;
  try {
    const setup = await setUpFitgate(http, fitgate.url, emulator.url, fitgate.bootstrap);
    peer = await startPeer(emulator.url, GOOGLE_APP, peerRedis);
    await allowRedirectUri(http, emulator.url, GOOGLE_APP.clientId, `${peer.url}/callback`);
    const peerUrl = peer.url;

    const target: FitgateTarget = { http, url: fitgate.url, application: setup.application };
    const loginAs = (sequence: number): string => benchUserLogin(sequence % options.users);
    const fitgateProcesses = { serverPid: fitgate.process.pid, emulatorPid: emulator.process.pid };
    const ours = fitgateContender(target, fitgateProcesses, loginAs);
    const fitgateIteration = ours.iteration;
    const theirs: Contender = {
      hops: PEER_HOPS,
      iteration: (times, sequence) => peerLogin(http, peerUrl, times, loginAs(sequence)),
      processes: { serverPid: peer.process.pid, emulatorPid: emulator.process.pid },
    };
    const durationMs = options.durationSeconds * 1000;
    const top = Math.max(...options.levels);

    progress(`warming up for ${options.warmupSeconds} s each`);
    await warmUp([ours, theirs], top, options.warmupSeconds);
    const levels = await measureLevels(options.levels, durationMs, ours, theirs, progress);
    const peak = levels.fitgate.peak;
    const legacy = await measureLegacy({ ...context, progress, loginAs, fitgate: { setup, contender: ours }, peerRedis });
    // Before the scale runs fill this fitgate's store, so both measure the same small tenant.
    const workers = options.workers ? await compareWorkers(store, options.workers, ours, { ...context, progress, loginAs }) : null;

    const atShareOfPeak = async (share: number) => {
      const rate = Math.max(1, peak.perSecond * share);
      const result = await measure({ concurrency: Math.max(8, top * 2), durationMs, ratePerSecond: rate }, FITGATE_HOPS, fitgateIteration, fitgateProcesses);
      progress(`${share * 100} % of peak (${round(rate, 1)}/s): ${result.perSecond} logins/s`);
      return result;
    };
    const atSeventyPercent = await atShareOfPeak(0.7);
    const atFiftyPercent = await atShareOfPeak(0.5);

    http.dropIdleConnections();
    const endpoints = await measureEndpoints(
      target,
      { concurrency: peak.concurrency, durationMs, codes: Math.min(5_000, Math.max(4 * peak.concurrency, Math.round(peak.perSecond * options.durationSeconds))), loginAs },
      fitgateProcesses,
    );
    progress(`authorize ${endpoints.authorize.perSecond}/s, code exchange ${endpoints.codeExchange.perSecond}/s, refresh ${endpoints.refresh.perSecond}/s, userinfo ${endpoints.userinfo.perSecond}/s`);

    const fitgateRssBytes = rssBytes(fitgate.process.pid);
    const peerRssBytes = rssBytes(peer.process.pid);
    population = await StorePopulation.open(fitgate.config);
    http.dropIdleConnections();
    const redis = store === 'redis' ? await redisMemory(population.store as RedisStore, target, options.pendingSample) : null;

    const scale = await measureScale(
      population,
      options,
      () => {
        http.dropIdleConnections(); // generating records may have taken longer than the keep-alive timeout
        return measure({ concurrency: peak.concurrency, durationMs }, FITGATE_HOPS, fitgateIteration, fitgateProcesses);
      },
      progress,
    );

    progress('counting store writes per login');
    const storeWrites = await countStoreWrites(store, http, emulator.url, options.users);

    return {
      store,
      fitgate: { ...levels.fitgate, atSeventyPercent, atFiftyPercent },
      peer: { sessionStore: peerRedis ? 'redis' : 'memory', ...levels.peer },
      legacy,
      endpoints,
      memory: { fitgateRssBytes, peerRssBytes, redis },
      scale,
      workers,
      storeWrites,
      ratios: {
        ...peakRatios(levels),
        rss: ratio(fitgateRssBytes, peerRssBytes),
      },
    };
  } finally {
    await population?.close();
    await peer?.process.stop();
    await fitgate.stop();
    if (store === 'redis') await deleteRunKeys(options.redisUrl, fitgate, peerRedis?.prefix);
  }
}

async function redisMemory(store: RedisStore, target: FitgateTarget, pendingSample: number): Promise<NonNullable<StoreRun['memory']['redis']>> {
  const session = await bytesPerSession(store);
  const pending = await bytesPerPendingLogin(store, pendingSample, async () => {
    for (let started = 0; started < pendingSample; started++) await beginFitgateLogin(target, new CookieJar(), `pending-${started}`);
  });
  return {
    bytesPerSession: session.bytes,
    sessionsSampled: session.sampled,
    bytesPerPendingLogin: pending.bytes,
    pendingLoginsSampled: pending.sampled,
    keysPerPendingLogin: round(pending.keysPerLogin, 2),
  };
}

async function deleteRunKeys(redisUrl: string, fitgate: RunningFitgate, peerPrefix: string | undefined): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (fitgate.config.redis) await deleteUnder(client as unknown as RedisStore['client'], fitgate.config.redis.prefix);
    if (peerPrefix) await deleteUnder(client as unknown as RedisStore['client'], peerPrefix);
  } finally {
    client.destroy();
  }
}

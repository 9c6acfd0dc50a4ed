import { allowRedirectUri, GOOGLE_APP, LEGACY_APP } from './emulator_setup.js';
import type { BenchFitgate } from './fitgate_setup.js';
import { PEER_HOPS, peerLogin } from './flows.js';
import type { StoreRun } from './result_schema.js';
import { startPeer } from './servers.js';
import { measureLevels, peakRatios, warmUp, type Contender, type PairedLevels } from './versus_peer.js';
import type { WorkerRunContext } from './worker_runs.js';

/** Seconds of warm-up at most: the servers are warm already, only the legacy code paths are not. */
const MAX_WARMUP_SECONDS = 5;

/** What the worker comparison gets from the store's run, and the run's fitgate and peer sessions. */
export interface LegacyRunContext extends WorkerRunContext {
  /** The run's fitgate, set up and measured on google-health, and how it logs in. */
  fitgate: { setup: BenchFitgate; contender: Contender };
  /** Where the google-health peer keeps its sessions in Redis; undefined: in memory. */
  peerRedis: { url: string; prefix: string } | undefined;
}

/**
 * Issue 13 asks for fitgate's CPU per login against the peer's in both upstream modes, and a
 * deployment can still run the Fitbit connection on the legacy Fitbit Web API, whose login differs
 * upstream (Basic client authentication, a user_id in the token answer, a separate profile call, no
 * upstream id_token to check). So the run's fitgate is switched to the legacy app and measured at
 * every level against a second peer that signs in through the same app, its sessions in the same
 * kind of store as the first. Afterwards the connection is switched back to google-health, so
 * everything measured later is measured as before; the legacy peer is stopped whether or not the
 * run succeeds.
 */
export async function measureLegacy(context: LegacyRunContext): Promise<StoreRun['legacy']> {
  const { options, http, emulator, fitgate } = context;
  const progress = (line: string): void => context.progress(`fitbit-legacy: ${line}`);
  await fitgate.setup.useUpstream(LEGACY_APP);
  // Under the google-health peer's prefix, so the run's clean-up of that prefix deletes these sessions too.
  const peerRedis = context.peerRedis && { url: context.peerRedis.url, prefix: `${context.peerRedis.prefix}legacy:` };
  const peer = await startPeer(emulator.url, LEGACY_APP, peerRedis);
  // The peer's start can outlast the servers' 5 s keep-alive on a loaded machine (see worker_runs.ts).
  http.dropIdleConnections();
  let measured: PairedLevels;
  try {
    await allowRedirectUri(http, emulator.url, LEGACY_APP.clientId, `${peer.url}/callback`);
    const legacyPeer: Contender = {
      hops: PEER_HOPS,
      iteration: (times, sequence) => peerLogin(http, peer.url, times, context.loginAs(sequence)),
      processes: { serverPid: peer.process.pid, emulatorPid: emulator.process.pid },
    };
    const warmupSeconds = Math.min(options.warmupSeconds, MAX_WARMUP_SECONDS);
    progress(`warming up for ${warmupSeconds} s each`);
    await warmUp([fitgate.contender, legacyPeer], Math.max(...options.levels), warmupSeconds);
    measured = await measureLevels(options.levels, options.durationSeconds * 1000, fitgate.contender, legacyPeer, progress);
  } finally {
    await peer.process.stop();
  }
  await fitgate.setup.useUpstream(GOOGLE_APP);
  return { ...measured, ratios: peakRatios(measured) };
}

import cluster from 'node:cluster';
import { Channel, type IpcEndpoint } from './channel.js';
import type { SharedSecrets } from '../config/index.js';
import type { ReadinessAnswer } from '../http/readiness.js';
import type { PrimaryQuestions, SandboxLink, WorkerQuestions, WorkersReadiness } from './messages.js';

/** How long a worker waits for the primary's set-up answer; the primary answers at once. */
const SETUP_BOUND_MS = 30_000;
/** Registering a callback is one Map update in the primary. */
const SANDBOX_CALLBACK_BOUND_MS = 5_000;
/** Recording why a worker could not start is one assignment in the primary; the worker exits right after. */
const START_FAILURE_BOUND_MS = 2_000;

/** True in a process the primary forked: it serves, and leaves bootstrap and the banner to the primary. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** This worker's number (node's cluster.worker.id: 1, 2, ..., a replacement a new one), undefined outside a worker. */
export function clusterWorkerId(): number | undefined {
  return cluster.worker?.id;
}

/** A worker's line to the primary. */
export interface WorkerLink {
  readonly sandbox: SandboxLink | undefined;
  /** The primary's secret settings (master keys, session secrets, REDIS_URL, ...), for this worker's configuration. */
  readonly secrets: SharedSecrets;
  /** How many workers answered with their store, as the primary counts them. */
  workersReady(timeoutMs: number): Promise<WorkersReadiness>;
  /** Lets the sandbox emulator send browsers back to this tenant callback. */
  allowSandboxCallback(callbackUrl: string): Promise<void>;
  /** Tells the primary why this worker could not start; it is about to exit. */
  reportStartFailure(reason: string): Promise<void>;
  /**
   * Answers the primary's readiness pings with this worker's store: it answers, and which files it
   * could not write lately, if any (Store.unwritable; a write probe only after a failure here).
   */
  answerPings(store: { ping(): Promise<void>; unwritable?(): string | undefined }): void;
  /** Answers the primary's requests for this worker's figures (its /metrics) with `collect`. */
  answerMetrics(collect: () => Promise<unknown>): void;
  /** Answers the primary's requests for this worker's readiness, whole (the operator's /health/ready). */
  answerReadiness(readiness: () => Promise<ReadinessAnswer>): void;
  /**
   * Runs `listener` when the primary says the instance is stopping (FITGATE_SHUTDOWN_DELAY_MS). Call
   * it before listening: the primary tells a worker as soon as it listens.
   */
  onStopping(listener: () => void): void;
  /** Runs `stop` when the primary is gone (killed): nothing would route connections here anymore. */
  onPrimaryGone(stop: () => void): void;
}

/** Asks the primary for this worker's set-up. Call only when isClusterWorker(). */
export async function joinCluster(): Promise<WorkerLink> {
  const channel = new Channel<PrimaryQuestions, WorkerQuestions>(process as IpcEndpoint);
  // From the first moment: the primary asks it from when this worker listens, whatever else it does.
  channel.answer('heartbeat', async () => null);
  const setup = await channel.ask('setup', null, SETUP_BOUND_MS);
  return {
    sandbox: setup.sandbox,
    secrets: setup.secrets,
    // The primary's own bound is shorter, so its count arrives before this question gives up.
    workersReady: (timeoutMs) => channel.ask('workers-ready', { timeoutMs: Math.floor(timeoutMs * 0.75) }, timeoutMs),
    allowSandboxCallback: async (callbackUrl) => {
      await channel.ask('sandbox-callback', { callbackUrl }, SANDBOX_CALLBACK_BOUND_MS);
    },
    reportStartFailure: async (reason) => {
      await channel.ask('start-failure', { reason }, START_FAILURE_BOUND_MS);
    },
    answerPings(store) {
      channel.answer('ping', async () => {
        await store.ping();
        const unwritable = store.unwritable?.();
        return unwritable === undefined ? null : { unwritable };
      });
    },
    answerMetrics(collect) {
      channel.answer('metrics', collect);
    },
    answerReadiness(readiness) {
      channel.answer('readiness', readiness);
    },
    onStopping(listener) {
      channel.answer('stopping', async () => {
        listener();
        return null;
      });
    },
    onPrimaryGone(stop) {
      process.once('disconnect', stop);
    },
  };
}

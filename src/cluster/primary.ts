import cluster, { type Worker } from 'node:cluster';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { secretsUnset, type SharedSecrets } from '../config/index.js';
import { READY_TIMEOUT_MS, type ReadinessAnswer } from '../http/readiness.js';
import { Channel } from './channel.js';
import { HangWatch, type HangWatchOptions } from './hang_watch.js';
import { STORE_UNAVAILABLE_EXIT_CODE, type PrimaryQuestions, type SandboxLink, type WorkerQuestions, type WorkersReadiness } from './messages.js';
import { RestartPolicy } from './restart_policy.js';
import { WaitingRestarts } from './waiting_restarts.js';
import { WORKER_EXIT_REASONS, workerExitReason, type WorkerExitReason } from './worker_exit_reason.js';

export interface PrimaryOptions {
  readonly workers: number;
  readonly logger: Logger;
  /** The sandbox emulator this process hosts for every worker, when the sandbox is on. */
  readonly sandbox?: SandboxLink & { allowCallback(callbackUrl: string): void };
  /** After a stop signal, how long workers get before they are killed. */
  readonly stopBoundMs: number;
  readonly restartPolicy?: RestartPolicy;
  /** How hung workers are found (hang_watch.ts); tests pass shorter bounds. */
  readonly hangWatch?: HangWatchOptions;
  /** What every worker gets in its set-up answer to build its configuration with (messages.ts). */
  readonly secrets: SharedSecrets;
}

/**
 * What a worker is forked with. cluster.fork(env) starts it with `{ ...process.env, ...env }`, at
 * each fork (replacements too), and cluster.setupPrimary has no setting for the environment: a
 * worker inherits whatever the primary's process.env holds then, and passing a cleaned copy would
 * only add to it. So the secrets are kept out on both sides of that merge: the config module
 * deleted them from process.env when it read them, and each is named here as undefined, which
 * child_process leaves out, in case one was put back since. Workers get them over IPC (setup).
 */
const WORKER_ENVIRONMENT = secretsUnset();

/** Telling a worker the instance is stopping is one assignment there. */
const STOPPING_BOUND_MS = 2_000;
/** Whether a worker reaches its store, asked while a restart waits for it: as long as /health/ready waits for a store. */
const STORE_CHECK_BOUND_MS = 1_500;
/** A worker's whole readiness: its own check waits READY_TIMEOUT_MS at most, then the answer crosses IPC. */
const READINESS_BOUND_MS = READY_TIMEOUT_MS + 1_000;

export interface RunningCluster {
  /** How many workers the instance runs (FITGATE_WORKERS). */
  readonly expected: number;
  /**
   * The port every worker listens on, once all of them do. Rejects when a worker stops before that,
   * after the others were stopped, with why it could not start (as it told the primary).
   */
  readonly started: Promise<number>;
  /**
   * Passes `signal` to every worker; resolves with 0 once all exited 0 or of that very signal (a
   * worker still starting, without its handler), 1 otherwise.
   */
  stop(signal: NodeJS.Signals): Promise<number>;
  /**
   * Tells every worker, and any that starts listening later, that the instance is stopping: its
   * /health/ready answers 503 "stopping" while it keeps serving (FITGATE_SHUTDOWN_DELAY_MS).
   */
  announceStopping(): void;
  /** Resolves with a reason when the cluster gives up by itself: workers keep dying. */
  readonly gaveUp: Promise<string>;
  /** The workers now, and how many were replaced since the start (the primary's own metrics). */
  status(): ClusterStatus;
  /**
   * Every worker alive now, with its figures when it answered within `timeoutMs` (messages.ts,
   * `metrics`). Only workers that listen are asked: one still starting has counted nothing yet.
   */
  collectMetrics(timeoutMs: number): Promise<WorkerMetrics[]>;
  /**
   * The instance's readiness, whole, for the operator's /health/ready on the metrics listener: the
   * first answer of the listening workers, each asked at once (each one's check counts every
   * worker). None answering within the bound is an instance that is not ready.
   */
  readiness(): Promise<ReadinessAnswer>;
}

export interface ClusterStatus {
  /** Workers that listen, and so take connections. */
  readonly serving: number;
  /** Workers forked that do not listen yet (starting, or failing to start). */
  readonly starting: number;
  /** Workers that stopped unexpectedly and were replaced (or wait to be), by why they stopped. */
  readonly restarts: Readonly<Record<WorkerExitReason, number>>;
}

export interface WorkerMetrics {
  /** node:cluster's id of the worker, never reused while the primary runs. */
  readonly id: number;
  /** Its answer; undefined when it was not asked, failed or did not answer in time. */
  readonly metrics?: unknown;
}

interface Member {
  readonly worker: Worker;
  readonly channel: Channel<WorkerQuestions, PrimaryQuestions>;
  /** The place among the instance's workers it holds, and hands to its replacement (restart_policy.ts). */
  readonly slot: number;
  /** performance.now() at its fork. */
  readonly forkedAt: number;
  listening: boolean;
  /** Why it could not start, when it said so before exiting. */
  startFailure?: string;
  /** It stopped answering heartbeats, and was killed for it (hang_watch.ts). */
  killedAsHung?: boolean;
}

/**
 * The primary process: forks the workers (which run server.ts, the only file that listens; node's
 * cluster hands each of them connections to the one shared port), answers their questions, replaces
 * one that dies (when and how often: restart_policy.ts) or hangs (hang_watch.ts), and stops them
 * all on a signal, which may come at any time, even during start-up or while a restart waits.
 */
export function startPrimary(options: PrimaryOptions): RunningCluster {
  const { logger } = options;
  const policy = options.restartPolicy ?? new RestartPolicy();
  const members = new Map<number, Member>();
  const waitingRestarts = new WaitingRestarts({
    start(slot, early) {
      if (stopping) return;
      if (early) logger.info({ slot }, 'the store answers again; starting the worker that waited for it now');
      fork(slot);
    },
    storeAnswers,
  });
  // Killed, not asked to stop: a hung worker would not run its handler, and the instance is not
  // stopping, so its connections are lost either way. Its exit goes through onExit as any other.
  const hangs = new HangWatch((id, silentMs) => {
    const member = members.get(id);
    if (!member || stopping) return;
    member.killedAsHung = true;
    const pid = member.worker.process.pid;
    logger.error(
      { workerId: id, workerPid: pid, silentMs: Math.round(silentMs) },
      `worker ${pid} has not answered for ${Math.round(silentMs / 1000)} s (its event loop is blocked, or the process is stopped); killing it with SIGKILL`,
    );
    member.worker.process.kill('SIGKILL');
  }, options.hangWatch);
  const restarts = Object.fromEntries(WORKER_EXIT_REASONS.map((reason) => [reason, 0])) as Record<WorkerExitReason, number>;
  let started = false;
  let announcedStopping = false;
  /** The round of readiness pings in progress, which every worker's question shares. */
  let pingRound: Promise<WorkersReadiness> | undefined;
  let stopping: Promise<number> | undefined;
  /** The signal stop() passed on: a worker it kills before the worker handles it stopped as asked. */
  let relayedSignal: NodeJS.Signals | undefined;
  let everyExitClean = true;
  let allExited: () => void = () => undefined;
  let resolveStart: (port: number) => void = () => undefined;
  let rejectStart: (error: Error) => void = () => undefined;
  let giveUp: (reason: string) => void = () => undefined;

  function fork(slot: number): void {
    const worker = cluster.fork(WORKER_ENVIRONMENT);
    const channel = new Channel<WorkerQuestions, PrimaryQuestions>(worker);
    const member: Member = { worker, channel, slot, forkedAt: performance.now(), listening: false };
    members.set(worker.id, member);
    channel.answer('setup', async () => ({
      sandbox: options.sandbox && { url: options.sandbox.url, credentials: options.sandbox.credentials },
      secrets: options.secrets,
    }));
    channel.answer('workers-ready', ({ timeoutMs }) => readiness(timeoutMs));
    channel.answer('sandbox-callback', async ({ callbackUrl }) => {
      if (!options.sandbox) throw new Error('the sandbox is off');
      options.sandbox.allowCallback(callbackUrl);
      return null;
    });
    channel.answer('start-failure', async ({ reason }) => {
      member.startFailure = reason;
      return null;
    });
    worker.on('listening', (address) => {
      member.listening = true;
      if (announcedStopping) tellStopping(member);
      else if (!stopping) hangs.watch(worker.id, (boundMs) => channel.ask('heartbeat', null, boundMs));
      if (started) {
        // The logger's own `pid` is this process's: a second `pid` key would be a duplicate, which
        // most JSON readers resolve to the last one, and some pipelines reject.
        logger.info({ workerPid: worker.process.pid, serving: serving() }, 'a new worker is serving');
      } else if (members.size === options.workers && [...members.values()].every((each) => each.listening)) {
        started = true;
        resolveStart(address.port);
      }
    });
    worker.on('exit', (code, signal) => onExit(member, code, signal));
  }

  function onExit(member: Member, code: number | null, signal: string | null): void {
    members.delete(member.worker.id);
    hangs.forget(member.worker.id);
    member.channel.close();
    if (stopping) {
      // A worker still starting has no handler yet and dies of the signal itself (a SIGTERM soon
      // after the start): that is the stop it was asked for, and a supervisor must not see a failure.
      if (code !== 0 && signal !== relayedSignal) everyExitClean = false;
      if (members.size === 0) allExited();
      return;
    }
    const how = signal ? `was killed by ${signal}${member.killedAsHung ? ' after it stopped answering' : ''}` : `exited with code ${code}`;
    if (!started) {
      const reason = member.startFailure ?? `a worker ${how} while starting`;
      void stop('SIGTERM').then(() => rejectStart(new Error(reason)));
      return;
    }
    const storeUnavailable = code === STORE_UNAVAILABLE_EXIT_CODE;
    const decision = policy.afterExit({ slot: member.slot, upMs: performance.now() - member.forkedAt, storeUnavailable, othersServing: serving() });
    if (!decision.restart) {
      giveUp(`workers keep stopping (the last one ${how}${member.startFailure ? `: ${member.startFailure}` : ''}); giving up`);
      return;
    }
    restarts[workerExitReason(code, signal, member.killedAsHung)] += 1;
    const next = decision.delayMs === 0 ? 'starting a new one' : `starting a new one in ${decision.delayMs / 1000} s`;
    const details = { workerPid: member.worker.process.pid, exitCode: code, signal, attempt: decision.attempt, retryInMs: decision.delayMs, reason: member.startFailure };
    // Expected while the store is out and retried until it is back: a warning, one per attempt.
    if (storeUnavailable) logger.warn(details, `a worker could not start, its store is unavailable: ${member.startFailure ?? 'it did not say why'}; ${next}`);
    else logger.error(details, `worker ${how}${member.startFailure ? ` (${member.startFailure})` : ''}; ${next}`);
    if (decision.delayMs === 0) fork(member.slot);
    else waitingRestarts.add(member.slot, decision.delayMs, storeUnavailable);
  }

  /** Whether the workers that serve reach their store (waiting_restarts.ts); undefined when none serves. */
  async function storeAnswers(): Promise<boolean | undefined> {
    const listening = [...members.values()].filter((member) => member.listening);
    if (listening.length === 0) return undefined;
    const answers = await Promise.all(listening.map((member) => member.channel.ask('ping', null, STORE_CHECK_BOUND_MS).then(() => true, () => false)));
    return answers.some(Boolean);
  }

  /** Workers that listen, and so take connections. */
  function serving(): number {
    return [...members.values()].filter((member) => member.listening).length;
  }

  async function readiness(timeoutMs: number): Promise<WorkersReadiness> {
    if (stopping) return { expected: options.workers, ready: 0 };
    return pingWorkers(timeoutMs);
  }

  /**
   * Every worker asks this for its own /health/ready: questions that arrive while a round of pings
   * runs share it, so N workers probed at once ping each worker once, not N times. The bound is the
   * same in every question (worker.ts), so sharing the first one's is sharing all of them.
   */
  function pingWorkers(timeoutMs: number): Promise<WorkersReadiness> {
    pingRound ??= pingEach(timeoutMs).finally(() => (pingRound = undefined));
    return pingRound;
  }

  async function pingEach(timeoutMs: number): Promise<WorkersReadiness> {
    const listening = [...members.values()].filter((member) => member.listening);
    const answers = await Promise.all(
      listening.map((member) =>
        member.channel.ask('ping', null, timeoutMs).then(
          (reply) => ({ answered: true, unwritable: reply?.unwritable }),
          () => ({ answered: false, unwritable: undefined }),
        ),
      ),
    );
    const unwritable = answers.find((answer) => answer.unwritable !== undefined)?.unwritable;
    return { expected: options.workers, ready: answers.filter((answer) => answer.answered).length, ...(unwritable !== undefined && { unwritable }) };
  }

  function announceStopping(): void {
    if (announcedStopping) return;
    announcedStopping = true;
    // A worker that hangs now is stopped with the others once the delay is over.
    hangs.stop();
    for (const member of members.values()) if (member.listening) tellStopping(member);
  }

  /** A worker that misses it (busy, dying) still stops with the others once the delay is over. */
  function tellStopping(member: Member): void {
    member.channel.ask('stopping', null, STOPPING_BOUND_MS).catch(() => undefined);
  }

  async function collectMetrics(timeoutMs: number): Promise<WorkerMetrics[]> {
    return Promise.all(
      [...members.values()].map(async ({ worker, channel, listening }) => ({
        id: worker.id,
        metrics: listening ? await channel.ask('metrics', null, timeoutMs).catch(() => undefined) : undefined,
      })),
    );
  }

  async function wholeReadiness(): Promise<ReadinessAnswer> {
    if (stopping || announcedStopping) return { ready: false, body: { status: 'stopping' } };
    const listening = [...members.values()].filter((member) => member.listening);
    try {
      return await Promise.any(listening.map((member) => member.channel.ask('readiness', null, READINESS_BOUND_MS)));
    } catch {
      return { ready: false, body: { status: 'unavailable', workers: { expected: options.workers, ready: 0 } } };
    }
  }

  function status(): ClusterStatus {
    const listening = serving();
    return { serving: listening, starting: members.size - listening, restarts: { ...restarts } };
  }

  function stop(signal: NodeJS.Signals): Promise<number> {
    stopping ??= new Promise<number>((resolve) => {
      relayedSignal = signal;
      hangs.stop();
      waitingRestarts.clear();
      const killer = setTimeout(() => {
        everyExitClean = false;
        for (const { worker } of members.values()) worker.process.kill('SIGKILL');
      }, options.stopBoundMs);
      allExited = () => {
        clearTimeout(killer);
        resolve(everyExitClean ? 0 : 1);
      };
      if (members.size === 0) allExited();
      for (const { worker } of members.values()) worker.process.kill(signal);
    });
    return stopping;
  }

  const running: RunningCluster = {
    expected: options.workers,
    started: new Promise<number>((resolve, reject) => {
      resolveStart = resolve;
      rejectStart = reject;
    }),
    stop,
    announceStopping,
    gaveUp: new Promise<string>((resolve) => (giveUp = resolve)),
    status,
    collectMetrics,
    readiness: wholeReadiness,
  };
  hangs.start();
  for (let slot = 0; slot < options.workers; slot += 1) fork(slot);
  return running;
}

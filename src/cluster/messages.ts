import type { SharedSecrets } from '../config/index.js';
import type { ReadinessAnswer } from '../http/readiness.js';

/** How a worker reaches the sandbox emulator the primary runs. */
export interface SandboxLink {
  /** Loopback base URL of the primary's emulator host, e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  /** Every sandbox app's credentials, with the upstream it plays. */
  readonly credentials: readonly SandboxAppLink[];
}

/**
 * One sandbox app: the upstream it plays, a plugin's strategy and one of its `apis` ids (API ids are
 * unique only within one plugin), and its credentials.
 */
export interface SandboxAppLink {
  readonly strategy: string;
  readonly api: string;
  readonly clientID: string;
  readonly clientSecret: string;
}

/**
 * A worker's exit code when it could not start because its store is unavailable for now (down,
 * unreachable, its file locked): EX_TEMPFAIL of sysexits.h, "try again later". The primary retries
 * such a worker with backoff instead of counting it as a crash (restart_policy.ts).
 */
export const STORE_UNAVAILABLE_EXIT_CODE = 75;

/** What the primary tells a worker before it reads its configuration and opens its store. */
export interface WorkerSetup {
  readonly sandbox: SandboxLink | undefined;
  /**
   * Every secret setting of the primary (master keys, session secrets, REDIS_URL, ...): sent here,
   * never in the fork's environment, which stays readable in /proc/PID/environ for the worker's
   * lifetime and is inherited by anything it spawns.
   */
  readonly secrets: SharedSecrets;
}

/** How many of the configured workers answered (each pinged its own store) within the bound. */
export interface WorkersReadiness {
  readonly expected: number;
  readonly ready: number;
  /**
   * What one of them said about files it could not write lately (a full disk: StorePing), so that
   * the worker that answers /health/ready says it too, though its own writes went through.
   */
  readonly unwritable?: string;
}

/** A worker's answer to a ping: its store answered, and, when so, the files it could not write lately. */
export interface StorePing {
  readonly unwritable?: string;
}

/** What a worker asks the primary: kind → request body and reply body. */
// Types, not interfaces: a Protocol needs the implicit index signature only type aliases have.
export type PrimaryQuestions = {
  setup: { request: null; reply: WorkerSetup };
  'workers-ready': { request: { timeoutMs: number }; reply: WorkersReadiness };
  /** Registers a tenant's callback URL with the sandbox emulator's apps. */
  'sandbox-callback': { request: { callbackUrl: string }; reply: null };
  /**
   * Why this worker could not start, told just before it exits: the primary says it once for the
   * instance (a start that fails in one worker fails alike in every other).
   */
  'start-failure': { request: { reason: string }; reply: null };
};

/** What the primary asks a worker. */
export type WorkerQuestions = {
  /**
   * Answered at once, with nothing behind it but the worker's event loop: a worker that leaves it
   * unanswered for long is hung, and the primary kills it (hang_watch.ts).
   */
  heartbeat: { request: null; reply: null };
  /**
   * Resolves once the worker's store answered, with the files it could not write lately (null or
   * no `unwritable` when none); rejects (or never answers) otherwise.
   */
  ping: { request: null; reply: StorePing | null };
  /**
   * The primary received SIGTERM and waits FITGATE_SHUTDOWN_DELAY_MS before it stops the workers:
   * until then each keeps serving, with /health/ready answering 503 "stopping".
   */
  stopping: { request: null; reply: null };
  /**
   * The worker's figures for the primary's /metrics: its registry as prom-client's
   * getMetricsAsJSON() gives it. Asked of each worker apart, so one that does not answer costs the
   * scrape its figures only (src/metrics/cluster_scrape.ts).
   */
  metrics: { request: null; reply: unknown };
  /**
   * The worker's readiness check, answered whole (its words, the workers, the store's settings, the
   * master keys), for the operator's /health/ready on the primary's metrics listener: the primary
   * has no store of its own to check.
   */
  readiness: { request: null; reply: ReadinessAnswer };
};

export type Protocol = Record<string, { request: unknown; reply: unknown }>;

import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import type { ConnectionPlugin } from './connections/plugin.js';
import type { Sealer } from './domain/ports.js';
import type { Metrics } from './metrics/metrics.js';
import type { BackgroundWork } from './http/background_work.js';
import type { Readiness, WorkerReadiness } from './http/readiness.js';
import type { Store } from './store/store.js';
import type { SandboxAccess } from './sandbox/sandbox.js';
import type { EmulatedUpstreams } from './upstream/sandbox_upstream.js';

/**
 * What createApp() and every router receive. Built once by server.ts (or by a test); routers take
 * what they need from it and import no singletons.
 */
export interface AppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly sealer: Sealer;
  readonly logger: Logger;
  /** Connection plugins by strategy name ("fitbit"). */
  readonly plugins: ReadonlyMap<string, ConnectionPlugin>;
  /**
   * Where fitgate reaches itself over loopback, known once the server listens: e.g.
   * "http://127.0.0.1:3000" (the entry point builds an in-process sandbox's back channel from it).
   */
  readonly internalBaseUrl: () => string;
  /**
   * Bound on each upstream call, every plugin's, in milliseconds. Default 10 000; tests shorten it
   * to prove that a hanging upstream ends the login with an error rather than a hung page.
   */
  readonly upstreamTimeoutMs?: number;
  /**
   * The sandbox emulator, built by the entry point only when FITGATE_SANDBOX is on (src/sandbox):
   * in this process, or in the cluster's primary. Absent: connections without credentials cannot log in.
   */
  readonly sandbox?: SandboxAccess;
  /**
   * What the emulator at FITGATE_UPSTREAM_BASE_URL plays, from the entry point (src/sandbox's
   * emulatedBy: the plugins' sandbox declarations): only connections to those upstreams are sent
   * there. Absent: none is.
   */
  readonly emulated?: EmulatedUpstreams;
  /** With several workers: how many of them are ready, for /health/ready. Absent: one process. */
  readonly workers?: WorkerReadiness;
  /** True from a stop signal on (FITGATE_SHUTDOWN_DELAY_MS): /health/ready answers 503 "stopping". */
  readonly stopping?: () => boolean;
  /**
   * The readiness check /health/ready answers from, when the entry point shares it with the
   * operator's /health/ready on the metrics listener; absent: built from the store (readinessOf).
   */
  readonly readiness?: Readiness;
  /** What fitgate counts for /metrics (src/metrics); nothing is counted when absent. */
  readonly metrics?: Metrics;
  /** Work requests leave running (token refreshes), which shutdown waits for; untracked when absent. */
  readonly background?: BackgroundWork;
}

import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import type { ConnectionPlugin } from './connections/plugin.js';
import type { Sealer } from './domain/ports.js';
import type { Metrics } from './metrics/metrics.js';
import type { WorkerReadiness } from './http/health.js';
import type { Store } from './store/store.js';
import type { SandboxAccess } from './upstream/sandbox.js';

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
   * Where fitgate reaches itself over loopback (for the sandbox emulator's back channel), known once
   * the server listens: e.g. "http://127.0.0.1:3000".
   */
  readonly internalBaseUrl: () => string;
  /**
   * Bound on each upstream (Fitbit / Google) call, in milliseconds. Default 10 000; tests shorten it
   * to prove that a hanging upstream ends the login with an error rather than a hung page.
   */
  readonly upstreamTimeoutMs?: number;
  /** The sandbox emulator as the entry point wired it; absent: one in this process (sandboxOf). */
  readonly sandbox?: SandboxAccess;
  /** With several workers: how many of them are ready, for /health/ready. Absent: one process. */
  readonly workers?: WorkerReadiness;
  /** What fitgate counts for /metrics (src/metrics); nothing is counted when absent. */
  readonly metrics?: Metrics;
}

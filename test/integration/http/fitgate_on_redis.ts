import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap } from '../../../src/domain/bootstrap.js';
import { readinessOf } from '../../../src/http/readiness.js';
import { readinessDetails, type ReadinessDetails } from '../../../src/http/readiness_details.js';
import { createLogger } from '../../../src/logging/index.js';
import { instrumentStore } from '../../../src/metrics/instrument_store.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { emulatedBy, inProcessSandbox } from '../../../src/sandbox/sandbox.js';
import { openStore } from '../../../src/store/open_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';

/** The host of the default tenant in these apps. */
export const HOST = 'localhost:3000';

/** Nothing listens: requests go through supertest; the sandbox only builds URLs on it. */
const INTERNAL_BASE_URL = 'http://127.0.0.1:0';

export interface FitgateOnRedis {
  readonly app: Express;
  /** The operator's GET /health/ready, as the metrics listener serves it, on the app's own readiness check. */
  readonly readinessDetails: ReadinessDetails;
  readonly store: Store;
  readonly config: Config;
  /** Every line the process logged, as JSON text. */
  readonly logLines: readonly string[];
}

/**
 * fitgate started in process as `src/server.ts` starts one process: open the store, bootstrap (which
 * marks the store as set up), then the app on the store wrapped for metrics, with the sandbox. `environment` adds to
 * a test configuration on REDIS_URL `url` under `prefix`. The caller closes `store`.
 */
export async function startFitgateOnRedis(url: string, prefix: string, environment: Record<string, string> = {}): Promise<FitgateOnRedis> {
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: url,
    FITGATE_REDIS_PREFIX: prefix,
    FITGATE_PUBLIC_URL: `http://${HOST}`,
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
    ...environment,
  });
  const captured = captureLogLines();
  const logger = createLogger({ level: 'info', destination: captured.destination });
  const store = await openStore(config, logger);
  const sealer = createSealer(config.masterKeys);
  await bootstrap({ config, store, sealer, plugins: connectionPlugins() });
  const instrumented = instrumentStore(store, createPrometheusMetrics().store);
  // As server.ts: one check for the public /health/ready and the operator's.
  const readiness = readinessOf({ config, store: instrumented });
  const app = createApp({
    config,
    store: instrumented,
    readiness,
    sealer,
    logger,
    plugins: connectionPlugins(),
    internalBaseUrl: () => INTERNAL_BASE_URL,
    sandbox: inProcessSandbox(config, connectionPlugins(), () => INTERNAL_BASE_URL),
    // As server.ts: a FITGATE_UPSTREAM_BASE_URL in `environment` reaches the upstreams the emulator plays.
    emulated: emulatedBy(connectionPlugins()),
  });
  return { app, readinessDetails: readinessDetails(readiness), store, config, logLines: captured.lines };
}

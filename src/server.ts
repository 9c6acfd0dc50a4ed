import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { symbols as pinoSymbols, type Logger } from 'pino';
import { createApp } from './app.js';
import { configFromProcess, ConfigError, type Config } from './config/index.js';
import { connectionPlugins } from './connections/registry.js';
import { firstPasswordNotice, formatFirstPasswordNotice, type FirstPasswordNotice } from './dashboard/first_password_notice.js';
import { bootstrap, type BootstrapResult } from './domain/bootstrap.js';
import { masterKeyProblem } from './domain/master_key_check.js';
import { trackRequests } from './http/graceful_shutdown.js';
import { createLogger } from './logging/index.js';
import { instrumentStore } from './metrics/instrument_store.js';
import { startMetricsServer } from './metrics/metrics_server.js';
import { createPrometheusMetrics } from './metrics/prometheus_metrics.js';
import { openStore } from './store/open_store.js';
import { createSealer } from './store/sealing.js';
import type { Store } from './store/store.js';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What this start created, and what to tell about the first admin's generated password. */
type Started = BootstrapResult & { firstPassword?: FirstPasswordNotice | undefined };

/**
 * The only file that listens: configuration → store → first-start bootstrap → app → listen, and a
 * graceful stop on SIGTERM/SIGINT. Start-up problems end the process with one line on stderr and
 * exit code 1; nothing else here decides behaviour.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const store = await openStore(config, logger);
  const sealer = createSealer(config.masterKeys);
  // Refuse to serve values it cannot open: every /authorize would answer 500 (issue 17).
  const keyProblem = await masterKeyProblem(store.sealedRecords, sealer.keyIds);
  if (keyProblem) fail(keyProblem);
  const bootstrapped = await bootstrap({ config, store, sealer });
  const started: Started = { ...bootstrapped, firstPassword: await firstPasswordNotice(bootstrapped, config.dataDir, store.admins) };

  let internalBaseUrl = '';
  const metrics = createPrometheusMetrics();
  const app = createApp({
    config,
    store: instrumentStore(store, metrics.store),
    sealer,
    logger,
    plugins: connectionPlugins(),
    internalBaseUrl: () => internalBaseUrl,
    metrics,
  });
  const server = createServer(app);
  const graceful = trackRequests(server);
  const port = await listen(server, config.port);
  internalBaseUrl = `http://127.0.0.1:${port}`;
  const metricsServer = await startMetricsServer(config, { cluster: false, registry: metrics.registry }).catch((error: unknown) =>
    fail(`cannot serve metrics on FITGATE_METRICS_PORT ${config.metricsPort}: ${(error as Error).message}`),
  );
  if (metricsServer) logger.info({ port: metricsServer.port }, 'Prometheus metrics served at /metrics');

  // Handlers first: whoever reads the announcement may send SIGTERM at once.
  stopOnSignals(() => graceful.close(SHUTDOWN_GRACE_MS).then(() => metricsServer?.close()), store, logger);
  announce(config, port, started, logger);
}

function readConfig(): Config {
  try {
    return configFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Plain lines on stdout for the person who ran `npm start`. The generated admin password is never
 * logged: it is printed once, last (see the end), and kept in a 0600 file until it is changed.
 */
function announce(config: Config, port: number, started: Started, logger: Logger): void {
  const lines = [`fitgate is listening on port ${port} (${config.redis ? 'Redis' : `embedded store in ${config.dataDir}`})`];
  lines.push(`Dashboard: ${started.dashboardUrl}`);
  if (started.admin && !started.admin.generatedPassword) {
    lines.push(`Admin: ${started.admin.email} (password from FITGATE_ADMIN_PASSWORD)`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  if (started.created.length > 0) logger.info({ created: started.created }, 'first start: bootstrap records created');
  if (started.clientSecretIgnored) {
    logger.warn('FITGATE_BOOTSTRAP_CLIENT_SECRET differs from the stored secret of that client; the stored one is kept');
  }
  if (config.publicUrl.startsWith('https:') && config.trustProxy === undefined) {
    logger.warn(
      'FITGATE_PUBLIC_URL is https but FITGATE_TRUST_PROXY is not set: behind a TLS-terminating proxy no session cookie will be issued',
    );
  }
  if (config.sandbox) logger.info('sandbox on: connections without credentials log in through the built-in emulator');
  // Last, after the log lines above, so the password is not lost among them.
  if (started.firstPassword) printAfterLogs(logger, formatFirstPasswordNotice(started.firstPassword));
}

/**
 * Writes through the logger's own stream: its writes are asynchronous, so text written straight to
 * stdout would come out before log lines already queued.
 */
function printAfterLogs(logger: Logger, text: string): void {
  const stream = (logger as unknown as Record<symbol, { write?: (text: string) => unknown } | undefined>)[pinoSymbols.streamSym];
  if (typeof stream?.write === 'function') stream.write(text);
  else process.stdout.write(text);
}

function stopOnSignals(closeServer: () => Promise<void>, store: Store, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`fitgate received ${signal}: finishing requests in flight, then stopping\n`);
    closeServer()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function fail(message: string): never {
  process.stderr.write(`fitgate: ${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => fail(`could not start: ${error instanceof Error ? error.message : String(error)}`));

import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { createExpressServer } from './http/express_server.js';
import type { AppDeps } from './app_deps.js';
import { STORE_UNAVAILABLE_EXIT_CODE } from './cluster/messages.js';
import { startPrimary } from './cluster/primary.js';
import { proxiedSandbox } from './cluster/sandbox_proxy.js';
import { clusterWorkerId, isClusterWorker, joinCluster, type WorkerLink } from './cluster/worker.js';
import { tagWithWorker } from './cluster/worker_header.js';
import {
  configFromProcess,
  ConfigError,
  describeUnknownSetting,
  listenAddressesFromProcess,
  sharedSecrets,
  type Config,
  type ListenAddresses,
  type SharedSecrets,
} from './config/index.js';
import { publicUrlPortWarning } from './config/public_url_port_warning.js';
import { connectionPlugins } from './connections/registry.js';
import { firstPasswordNotice, type FirstPasswordNotice } from './dashboard/account/first_password_notice.js';
import { bootstrap, type BootstrapResult } from './domain/bootstrap.js';
import { masterKeyProblem } from './domain/master_key_check.js';
import type { Sealer } from './domain/ports.js';
import { BackgroundWork } from './http/background_work.js';
import { trackRequests } from './http/graceful_shutdown.js';
import { readinessOf, type Readiness } from './http/readiness.js';
import { readinessDetails } from './http/readiness_details.js';
import { ShutdownDelay } from './http/shutdown_delay.js';
import { createLogger, stdoutStyle } from './logging/index.js';
import { instrumentStore } from './metrics/instrument_store.js';
import { startMetricsServer, type MetricsServer, type MetricsSource } from './metrics/metrics_server.js';
import { createPrometheusMetrics, type PrometheusMetrics } from './metrics/prometheus_metrics.js';
import { logRetentionReport, startLogRetention } from './store/log_retention_sweeper.js';
import { openStore } from './store/open_store.js';
import { StartRefusedError } from './store/start_refused_error.js';
import { createSealer } from './store/sealing.js';
import type { Store } from './store/store.js';
import { buildSandbox, emulatedBy, inProcessSandbox, sandboxHostApp, type SandboxPlugins } from './sandbox/sandbox.js';
import { sandboxStartLine } from './sandbox/sandbox_start_line.js';
import { upstreamBaseUrlBypass } from './sandbox/upstream_base_url_bypass.js';
import { SANDBOX_PATH } from './upstream/sandbox_upstream.js';
import { describeStartFailure, storeUnavailableAtStart } from './start_failure.js';
import { startOutput, type StartOutput } from './start_output.js';
import { ProcessStop } from './process_stop.js';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * Then how long token refreshes that outlived their requests get to store what the upstream issued:
 * a reader stops waiting after 2 s, and the upstream call may take its full 10 s timeout.
 */
const BACKGROUND_GRACE_MS = 10_000;
/** With workers: how long the primary waits for them all after a signal before killing them. */
const WORKERS_STOP_BOUND_MS = SHUTDOWN_GRACE_MS + BACKGROUND_GRACE_MS + 5_000;

/** What this start created, and what to tell about the first admin's generated password. */
type Started = BootstrapResult & { firstPassword?: FirstPasswordNotice | undefined };

/**
 * The only file that listens: ports free → configuration → store → first-start bootstrap → app →
 * listen, and a graceful stop on SIGTERM/SIGINT or a crash (process_stop.ts). Start-up problems end
 * the process with one line on stderr and exit code 1; nothing else here decides behaviour.
 */
async function main(): Promise<void> {
  if (isClusterWorker()) return serveAsWorker();
  // Before the configuration is read: reading it generates a new data directory's secret files.
  await checkPortsFree(readListenAddresses());
  const config = readConfig();
  const style = stdoutStyle(config, process.stdout.isTTY === true);
  const logger = createLogger({ level: config.logLevel, format: style.logFormat });
  const output = startOutput(config, logger, { terminal: style.plainStartLines });
  const processStop = new ProcessStop({ logger, output }).exitOnCrash();
  warnOfSettings(config, logger);
  // With workers this process only bootstraps; each worker counts its own (see serveAsWorker).
  const metrics = config.workers > 1 ? undefined : createPrometheusMetrics();
  const sealer = createSealer(config.masterKeys);
  // Refuse to serve values it cannot open: every /authorize would answer 500 (issue 17). Checked
  // while the store opens, before the embedded store's migrations commit and before its short-lived
  // file: a refused start (restored data, another key) leaves the data directory as it found it, and
  // the fitgate it was upgraded from still opens it.
  const store = await openStore(config, logger, metrics, { refuse: (records) => masterKeyProblem(records, sealer.keyIds) }).catch((error: unknown) =>
    error instanceof StartRefusedError ? fail(error.message) : Promise.reject(error),
  );
  // One registry for the process: bootstrap, the app and the sandbox read the same plugins.
  const plugins = connectionPlugins();
  const bypass = upstreamBaseUrlBypass(config.upstreamBaseUrl, plugins, emulatedBy(plugins));
  if (bypass) logger.warn(bypass.fields, bypass.message);
  const bootstrapped = await bootstrap({ config, store, sealer, plugins });
  const started: Started = { ...bootstrapped, firstPassword: await firstPasswordNotice(bootstrapped, config.dataDir, store.admins) };
  logBootstrap(started, logger);
  if (config.workers > 1) {
    await store.close();
    return runWorkers(config, logger, output, processStop, started, plugins);
  }

  const delay = shutdownDelay(config, logger, processStop);
  const { port, stop } = await serve(config, logger, store, sealer, metrics ?? createPrometheusMetrics(), { plugins, stopping: () => delay.stopping });
  // Handlers first: whoever reads the announcement may send SIGTERM at once.
  processStop.serving(stop);
  delay.onSignals();
  announce(config, port, started, logger, output, plugins);
}

/**
 * Builds the app on an open store and listens. Resolves with the port and the graceful stop: finish
 * the requests in flight (bounded), then close the store.
 */
async function serve(
  config: Config,
  logger: Logger,
  store: Store,
  sealer: Sealer,
  metrics: PrometheusMetrics,
  extra: Pick<AppDeps, 'plugins' | 'sandbox' | 'workers' | 'stopping'>,
): Promise<{ port: number; stop: () => Promise<number>; readiness: Readiness }> {
  let internalBaseUrl = '';
  // Where this process's own emulator answers the back channel (the upstream token and profile
  // calls): the public listener, or over https a loopback listener of its own (below).
  let sandboxBaseUrl = '';
  const background = new BackgroundWork();
  // The sandbox is built here and nowhere else: in this process when it serves alone; with
  // workers, the primary's (extra.sandbox, absent when the sandbox is off).
  const ownSandbox = extra.workers ? undefined : inProcessSandbox(config, extra.plugins, () => sandboxBaseUrl);
  const instrumented = instrumentStore(store, metrics.store);
  // One check for the public probes and the operator's (the metrics listener, or with workers the primary's).
  const readiness = readinessOf({ config, store: instrumented, workers: extra.workers, stopping: extra.stopping });
  const app = createApp({
    config,
    background,
    store: instrumented,
    readiness,
    sealer,
    logger,
    internalBaseUrl: () => internalBaseUrl,
    metrics,
    ...extra,
    sandbox: extra.workers ? extra.sandbox : ownSandbox,
    // FITGATE_UPSTREAM_BASE_URL points at the same emulators, run apart: they play what the sandbox plays.
    emulated: emulatedBy(extra.plugins),
  });
  const listener: RequestListener = extra.workers && config.env === 'test' ? tagWithWorker(app) : app;
  const server = createExpressServer(app, listener, config.tls?.serverOptions());
  const graceful = trackRequests(server);
  const port = await listen(server, config.port, config.host);
  internalBaseUrl = `${config.tls ? 'https' : 'http'}://${reachableAddress(config.host)}:${port}`;
  // fitgate's upstream clients trust the system's CAs only, and a developer's self-signed
  // certificate is not one of them: over https the emulator's back channel stays plain http, on
  // loopback, as the cluster primary serves it to its workers.
  const backChannel = ownSandbox && config.tls ? await listenOnLoopback(sandboxHostApp(ownSandbox)) : undefined;
  sandboxBaseUrl = backChannel?.url ?? internalBaseUrl;
  const metricsServer = extra.workers ? undefined : await serveMetrics(config, logger, { cluster: false, registry: metrics.registry }, readiness);
  // In every worker: the sweep takes a store lock, so one process sweeps at a time.
  const stopLogRetention = startLogRetention(store, config.logRetentionDays, logRetentionReport(logger, config.logRetentionDays));
  const stop = () =>
    graceful
      .close(SHUTDOWN_GRACE_MS)
      // A refresh that outlived its request stores what the upstream issued before the store closes.
      .then(() => background.settled(BACKGROUND_GRACE_MS))
      .then(() => backChannel?.close())
      .then(() => metricsServer?.close())
      .then(stopLogRetention)
      .then(() => store.close())
      .then(() => 0);
  return { port, stop, readiness };
}

/** SIGTERM's FITGATE_SHUTDOWN_DELAY_MS in front of this process's graceful stop (shutdown_delay.ts). */
function shutdownDelay(config: Config, logger: Logger, processStop: ProcessStop): ShutdownDelay {
  return new ShutdownDelay({ delayMs: config.shutdownDelayMs, logger, stop: (signal) => processStop.request(signal) });
}

/**
 * FITGATE_WORKERS > 1, in the primary: bootstrap is done and its store closed; the sandbox emulator
 * (when on) runs here, once, on a loopback port; the workers serve. The banner is printed once, when
 * every worker listens.
 */
async function runWorkers(
  config: Config,
  logger: Logger,
  output: StartOutput,
  processStop: ProcessStop,
  started: Started,
  plugins: SandboxPlugins,
): Promise<void> {
  const sandbox = config.sandbox ? await hostSandbox(plugins) : undefined;
  // Handlers before the forks: a signal during start-up still stops every worker. Forking takes
  // milliseconds each, and a signal arriving then, before a handler exists, would kill this process
  // alone; one that arrives with the handler set runs it once this function has returned.
  const delay = shutdownDelay(config, logger, processStop).onSignals();
  const workers = startPrimary({
    workers: config.workers,
    logger,
    sandbox,
    stopBoundMs: WORKERS_STOP_BOUND_MS,
    secrets: sharedSecrets(config),
  });
  processStop.serving((signal) => workers.stop(signal));
  // During the delay the workers serve on; each answers its probes "stopping".
  delay.onStopping(() => workers.announceStopping());
  void workers.gaveUp.then((reason) => {
    output.gaveUp(reason);
    processStop.fail();
  });
  // The worker that could not start told why, already described, and said nothing itself: one line.
  const port = await workers.started.catch((error: unknown) => fail(`could not start: ${describeStartFailure(error)}`));
  await serveMetrics(config, logger, { cluster: true, workers }, () => workers.readiness());
  announce(config, port, started, logger, output, plugins);
}

/**
 * A worker: set-up from the primary, its configuration with the primary's secrets, its own store
 * connection, the shared port; no bootstrap, no banner.
 */
async function serveAsWorker(): Promise<void> {
  const link = await joinCluster();
  const config = readConfig(link.secrets);
  // A worker writes to the primary's stdout (cluster.fork inherits it): the same terminal or pipe,
  // so each of its lines names it (`worker`, shown as w2 on a short line).
  const logger = createLogger({ level: config.logLevel, format: stdoutStyle(config, process.stdout.isTTY === true).logFormat, worker: clusterWorkerId() });
  // No output: the primary says the signal and the stop once for every worker.
  const processStop = new ProcessStop({ logger }).exitOnCrash();
  try {
    const metrics = createPrometheusMetrics();
    // The primary set the store up before forking this worker: one it finds not set up was deleted
    // or replaced since, and must not be started afresh beside workers serving the old one.
    const store = await openStore(config, logger, metrics, { requireSetUp: true });
    link.answerPings(store);
    // Before it listens: the primary tells a worker that starts during the delay as soon as it does.
    let stopping = false;
    link.onStopping(() => (stopping = true));
    const { stop, readiness } = await serve(config, logger, store, createSealer(config.masterKeys), metrics, {
      plugins: connectionPlugins(),
      ...(link.sandbox && { sandbox: proxiedSandbox(config, store, link) }),
      workers: { expected: config.workers, ready: (timeoutMs) => link.workersReady(timeoutMs) },
      stopping: () => stopping,
    });
    // A worker's figures are served by the primary, with every other worker's (cluster_scrape.ts).
    link.answerMetrics(() => metrics.registry.getMetricsAsJSON());
    // The primary's metrics listener serves the operator's /health/ready from one worker's answer.
    link.answerReadiness(readiness);
    processStop.serving(stop);
    processStop.onSignals();
    link.onPrimaryGone(() => processStop.request('SIGTERM'));
  } catch (error) {
    await leaveCluster(link, error);
  }
}

/**
 * A worker that could not start tells the primary why instead of printing it: every worker would
 * print the same line, and once the cluster runs, the primary logs it with what it does next. The
 * exit code tells a store that is unavailable for now, which the primary retries for as long as
 * another worker serves, from anything else, which counts towards giving up.
 */
async function leaveCluster(link: WorkerLink, error: unknown): Promise<never> {
  const reason = describeStartFailure(error);
  await link.reportStartFailure(reason).catch(() => process.stderr.write(`fitgate: could not start: ${reason}\n`));
  process.exit(storeUnavailableAtStart(error) ? STORE_UNAVAILABLE_EXIT_CODE : 1);
}

/**
 * Nothing listens until the store is open and bootstrapped (with workers, until each worker does;
 * the metrics listener later still): a port another program holds, another fitgate on the same data
 * directory say, would only be found after this start had generated its secret files, written its
 * first admin, its bootstrap client and its one-time password file (and, with workers, after every
 * worker served). Binding each port here first, before the configuration is even read, and letting
 * go at once finds it before anything is written. A program that takes a port in between is still
 * reported, once.
 */
async function checkPortsFree({ port, host, metricsPort, metricsHost }: ListenAddresses): Promise<void> {
  await checkPortFree(port, host, (error) => `could not start: ${describeStartFailure(error)}`);
  if (metricsPort !== undefined) await checkPortFree(metricsPort, metricsHost, (error) => metricsListenFailure(metricsPort, error));
}

async function checkPortFree(port: number, host: string | undefined, problem: (error: unknown) => string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, host).catch((error: unknown) => fail(problem(error)));
  await new Promise((resolve) => probe.close(resolve));
}

function metricsListenFailure(port: number | undefined, error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const remedy =
    code === 'EADDRINUSE' ? ': another program (another fitgate?) is listening on that port; stop it, or set FITGATE_METRICS_PORT to a free port'
    : code === 'EADDRNOTAVAIL' ? ': no interface of this machine has that address; check FITGATE_METRICS_HOST'
    : '';
  return `cannot serve metrics on FITGATE_METRICS_PORT ${port}: ${message}${remedy}`;
}

/**
 * Settings that would otherwise be ignored or misread without a word: a misspelt FITGATE_ or REDIS_
 * name (FITGATE_SANBOX=off leaves the sandbox on; REDIS_URI leaves the store embedded), and those
 * that work but are likely wrong for where fitgate runs (config_warnings.ts).
 */
function warnOfSettings(config: Config, logger: Logger): void {
  for (const setting of config.unknownSettings) logger.warn({ variable: setting.name }, describeUnknownSetting(setting));
  for (const { variable, message } of config.warnings) logger.warn({ variable }, message);
}

/** The sandbox emulator for every worker, on a loopback port of the primary. */
async function hostSandbox(plugins: SandboxPlugins): Promise<Parameters<typeof startPrimary>[0]['sandbox']> {
  let url = '';
  const sandbox = buildSandbox(() => `${url}${SANDBOX_PATH}`, plugins);
  url = (await listenOnLoopback(sandboxHostApp(sandbox))).url;
  return { url, credentials: sandbox.credentials(), allowCallback: (callbackUrl) => sandbox.allowCallback(callbackUrl) };
}

/** GET /metrics on FITGATE_METRICS_PORT, when set. */
async function serveMetrics(config: Config, logger: Logger, source: MetricsSource, readiness: Readiness): Promise<MetricsServer | undefined> {
  const server = await startMetricsServer(config, source, readinessDetails(readiness)).catch((error: unknown) => fail(metricsListenFailure(config.metricsPort, error)));
  if (server) logger.info({ port: server.port, host: config.metricsHost }, 'Prometheus metrics served at /metrics, and readiness with its details at /health/ready');
  return server;
}

function readConfig(shared?: SharedSecrets): Config {
  return orConfigError(() => configFromProcess(shared));
}

function readListenAddresses(): ListenAddresses {
  return orConfigError(listenAddressesFromProcess);
}

function orConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
}

/** `listener` over plain http on a free loopback port, for this host's own calls. */
async function listenOnLoopback(listener: RequestListener): Promise<{ url: string; close: () => void }> {
  const server = createServer(listener);
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    // Called once nothing calls it anymore: its kept-alive connections go at once.
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * What bootstrap did, said as soon as it is done: before anything listens (the first tenant and
 * admin exist before the first request can reach them), so the log says so in that order too.
 */
function logBootstrap(started: Started, logger: Logger): void {
  if (started.created.length > 0) logger.info({ created: started.created }, 'first start: bootstrap records created');
  if (started.clientSecretIgnored) {
    logger.warn('FITGATE_BOOTSTRAP_CLIENT_SECRET differs from the stored secret of that client; the stored one is kept');
  }
}

/**
 * Where fitgate serves and the first admin's password (start_output.ts decides how, and whether the
 * password itself is printed), after everything else the start logs.
 */
function announce(config: Config, port: number, started: Started, logger: Logger, output: StartOutput, plugins: SandboxPlugins): void {
  const adminFromEnvironment = started.admin && !started.admin.generatedPassword ? started.admin.email : undefined;
  output.listening({ port, dashboardUrl: started.dashboardUrl, adminFromEnvironment });
  // Right under the line whose dashboard link it warns of.
  const portWarning = publicUrlPortWarning(config, port);
  if (portWarning) logger.warn({ variable: portWarning.variable, port }, portWarning.message);

  const sandbox = sandboxStartLine(config.sandbox, plugins);
  if (sandbox) logger.info(sandbox);
  // Last, after the log lines above, so the password is not lost among them.
  if (started.firstPassword) output.firstPassword(started.firstPassword);
}

/** Where this process reaches its own listener: loopback unless FITGATE_HOST names one address. */
function reachableAddress(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function fail(message: string): never {
  process.stderr.write(`fitgate: ${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => fail(`could not start: ${describeStartFailure(error)}`));

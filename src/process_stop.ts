import { symbols as pinoSymbols, type Logger } from 'pino';

/**
 * How long a process that crashed gives its graceful stop (requests in flight, the store's close)
 * before it exits anyway: state after an uncaught error is suspect, so this is short, far shorter
 * than a stop on SIGTERM may take.
 */
export const CRASH_STOP_BOUND_MS = 5_000;
/** How long the exit waits for the log lines already written to reach stdout. */
const LOG_END_BOUND_MS = 1_000;

export interface ProcessStopOptions {
  readonly logger: Logger;
  /** Says the signal and, once done, that the process stopped; absent in a cluster worker, whose primary says it once for all. */
  readonly output?: { stopping(signal: NodeJS.Signals): void; stopped(exitCode: number): void };
  readonly crashStopBoundMs?: number;
  /** process.exit; tests pass their own. */
  readonly exit?: (code: number) => void;
}

/**
 * The one stop of a process, whatever asks for it first: SIGTERM or SIGINT, the cluster's primary
 * gone, the primary giving up on its workers, or a crash (an uncaught exception or unhandled
 * rejection anywhere). A crash is one fatal log
 * line with the error (a JSON line like every other, not Node's bare stack on stderr), then a
 * bounded try at the graceful stop, then exit code 1, so a supervisor or the cluster's primary
 * starts a new process. Before `serving` there is nothing to stop gracefully: a crash exits at once.
 */
export class ProcessStop {
  private stop: ((signal: NodeJS.Signals) => Promise<number>) | undefined;
  private stopping: Promise<number> | undefined;
  private crashed = false;
  private failed = false;
  private finished = false;
  private readonly exit: (code: number) => void;

  constructor(private readonly options: ProcessStopOptions) {
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  /** Catches what nothing else did, in this process, from now on. */
  exitOnCrash(): this {
    process.on('uncaughtException', (error, origin) => this.crash(error, origin));
    // Registered, it replaces Node's own throw-on-unhandled-rejection (the default since Node 15).
    process.on('unhandledRejection', (reason) => this.crash(reason, 'unhandledRejection'));
    return this;
  }

  /** Runs `stop` and exits with its code on the first SIGTERM or SIGINT. */
  onSignals(): this {
    process.on('SIGTERM', () => this.request('SIGTERM'));
    process.on('SIGINT', () => this.request('SIGINT'));
    return this;
  }

  /** What a graceful stop is, once the process serves; resolves with the exit code. */
  serving(stop: (signal: NodeJS.Signals) => Promise<number>): void {
    this.stop = stop;
  }

  /** Stops gracefully, once, then exits with the stop's code. */
  request(signal: NodeJS.Signals): void {
    if (this.stopping || this.crashed) return;
    this.options.output?.stopping(signal);
    this.begin(signal).then(
      // A crash meanwhile decides the exit code (1), once this same stop is done or its bound passed.
      (code) => {
        if (!this.crashed) this.finish(code);
      },
      (error: unknown) => {
        this.options.logger.error({ err: error }, 'shutdown failed');
        if (!this.crashed) this.finish(1);
      },
    );
  }

  /**
   * Stops gracefully, once, then exits with code 1 whatever the stop answers: the process cannot go
   * on (the cluster's primary that gave up on its workers), and its caller has said why. A stop
   * already under way is the one waited for, and its exit code becomes 1.
   */
  fail(): void {
    if (this.crashed || this.failed) return;
    this.failed = true;
    this.begin('SIGTERM').then(
      () => this.finish(1),
      (error: unknown) => {
        this.options.logger.error({ err: error }, 'shutdown failed');
        this.finish(1);
      },
    );
  }

  crash(error: unknown, origin: string): void {
    // Exiting already: the log may be closed, and nothing is left to stop.
    if (this.finished) return;
    if (this.crashed) {
      // A second crash during the stop: stop waiting.
      this.options.logger.fatal({ err: error, origin }, 'fitgate crashed again while stopping');
      return this.finish(1);
    }
    this.crashed = true;
    this.options.logger.fatal({ err: error, origin }, `fitgate crashed (${origin}): stopping, then exiting with code 1`);
    const stopped = this.stop || this.stopping ? this.begin('SIGTERM').catch(() => 1) : Promise.resolve(1);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise((resolve) => {
      timer = setTimeout(resolve, this.options.crashStopBoundMs ?? CRASH_STOP_BOUND_MS);
    });
    void Promise.race([stopped, bound]).then(() => {
      clearTimeout(timer);
      this.finish(1);
    });
  }

  /** The stop in progress, or a new one. */
  private begin(signal: NodeJS.Signals): Promise<number> {
    this.stopping ??= this.stop ? this.stop(signal) : Promise.resolve(0);
    return this.stopping;
  }

  private finish(stopCode: number): void {
    if (this.finished) return;
    this.finished = true;
    const code = this.failed ? 1 : stopCode;
    this.options.output?.stopped(code);
    void endLog(this.options.logger).then(() => this.exit(code));
  }
}

/**
 * Ends the logger's stream once every line written to it is out. pino writes stdout asynchronously,
 * and an exit flushes only what waits in its buffer, not a write already under way: the last lines
 * (the fatal one, "fitgate stopped") could be lost or come out of order. Bounded: a stdout nobody
 * reads must not keep the process from exiting.
 */
function endLog(logger: Logger): Promise<void> {
  const stream = (logger as unknown as Record<symbol, NodeJS.WritableStream | undefined>)[pinoSymbols.streamSym];
  if (typeof stream?.end !== 'function' || typeof stream.once !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, LOG_END_BOUND_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    // SonicBoom (stdout) says 'close' once written (it never closes fd 1); a Writable also 'finish'.
    stream.once('close', done);
    stream.once('finish', done);
    stream.end();
  });
}

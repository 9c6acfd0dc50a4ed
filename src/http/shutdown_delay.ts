import type { Logger } from 'pino';

export interface ShutdownDelayOptions {
  /** FITGATE_SHUTDOWN_DELAY_MS: 0 stops at once. */
  readonly delayMs: number;
  readonly logger: Logger;
  /** The graceful stop (ProcessStop.request), run once the delay is over. */
  readonly stop: (signal: NodeJS.Signals) => void;
}

/**
 * The stop signals of a process that serves, with FITGATE_SHUTDOWN_DELAY_MS in front of the
 * graceful stop. A load balancer notices an instance is going only when a probe fails or a
 * connection is refused; Kubernetes even removes the pod from its endpoints while the signal is
 * sent, not before. So on SIGTERM the process first keeps serving for the delay while /health/ready
 * answers 503 "stopping" (`stopping`), and only then closes its listener.
 *
 * Only SIGTERM waits: it is what a supervisor sends. SIGINT is a person at a terminal, whose Ctrl-C
 * also reaches every worker at once, and a second signal during the delay means "now": both stop at
 * once. A crash or a cluster that gives up does not come here and is never delayed (process_stop.ts).
 */
export class ShutdownDelay {
  private signalled: NodeJS.Signals | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly whenStopping: Array<() => void> = [];

  constructor(private readonly options: ShutdownDelayOptions) {}

  /** From the first stop signal on: readiness answers "stopping" (health.ts). */
  get stopping(): boolean {
    return this.signalled !== undefined;
  }

  /** Runs `listener` when the first stop signal arrives (at once if it has): the cluster tells its workers. */
  onStopping(listener: () => void): void {
    if (this.stopping) listener();
    else this.whenStopping.push(listener);
  }

  /** Handles SIGTERM and SIGINT from now on, in place of ProcessStop.onSignals. */
  onSignals(): this {
    process.on('SIGTERM', () => this.receive('SIGTERM'));
    process.on('SIGINT', () => this.receive('SIGINT'));
    return this;
  }

  /** What a stop signal does; exposed so tests need not signal the test runner itself. */
  receive(signal: NodeJS.Signals): void {
    const first = this.signalled ?? signal;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.options.logger.info({ signal }, `fitgate received ${signal} again: stopping now`);
      return this.options.stop(first);
    }
    if (this.signalled === undefined) {
      this.signalled = signal;
      for (const listener of this.whenStopping.splice(0)) listener();
      if (signal === 'SIGTERM' && this.options.delayMs > 0) return this.delay(signal);
    }
    this.options.stop(first);
  }

  private delay(signal: NodeJS.Signals): void {
    const { delayMs, logger } = this.options;
    // Written whatever LOG_LEVEL says (as start_output.ts does for the start and stop lines): the
    // stop's own line comes only after the delay, and an operator must see why it has not yet.
    const announcer = logger.isLevelEnabled('info') || logger.level === 'silent' ? logger : logger.child({}, { level: 'info' });
    announcer.info(
      { signal, delayMs },
      `fitgate received ${signal}: serving for ${delayMs} ms more while /health/ready answers 503 "stopping" (FITGATE_SHUTDOWN_DELAY_MS), then stopping`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.options.stop(signal);
    }, delayMs);
  }
}

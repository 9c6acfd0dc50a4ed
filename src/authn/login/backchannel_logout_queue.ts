import type { Logger } from 'pino';

/**
 * Every back-channel logout token a process sends waits its turn here: one queue per process, so the
 * number of sockets fitgate holds open to receivers stays bounded whatever triggers the sends (a
 * logout, a new sign-in replacing a session, or ending a user's sessions through the Management API,
 * which one credential can call many times a second).
 */
export interface LogoutSendLimits {
  /** Sends running at once. */
  readonly concurrent: number;
  /** Sends waiting for a turn; past this one is dropped. */
  readonly queued: number;
  /** Drops are logged at most once per this many milliseconds, with their count. */
  readonly dropReportMs: number;
}

export const LOGOUT_SEND_LIMITS: LogoutSendLimits = {
  // A send holds one socket for up to BACKCHANNEL_LOGOUT_TIMEOUT_MS (5 s). 32 keeps receivers that
  // hang to 32 sockets and descriptors (far inside the usual 1,024), while the handful of
  // applications of a logout, or the tens a tenant subscribes to ended sessions, still go out at once.
  concurrent: 32,
  // A waiting send is a closure of a few hundred bytes: a full queue is a few megabytes. It holds one
  // burst of 100 users' sessions ended in a tenant with 100 subscribed applications; receivers that
  // answer in tens of milliseconds drain it in under a minute, and at the worst (every receiver
  // hanging 5 s) the last waits about 26 minutes, past which a logout token tells little anyway.
  queued: 10_000,
  // A flood of drops must not become a flood of log lines: one at the first, then one a minute.
  dropReportMs: 60_000,
};

/** How a send ended: it ran (whatever the receiver answered), or the queue was full and it never will. */
export type LogoutSendResult = 'ran' | 'dropped';

interface Waiting {
  readonly send: () => Promise<void>;
  readonly done: (result: LogoutSendResult) => void;
}

export class LogoutSendQueue {
  private running = 0;
  /** First in, first out: `head` is the next to run, so taking one never moves the rest. */
  private waiting: Array<Waiting | undefined> = [];
  private head = 0;
  /** Drops since the last report, by tenant (tenants are few, and named by fitgate). */
  private readonly drops = new Map<string, number>();
  private reportTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly limits: LogoutSendLimits = LOGOUT_SEND_LIMITS,
  ) {}

  /** Sends waiting for a turn now. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  /**
   * Runs `send` (a tenant's) once fewer than `concurrent` sends run, in arrival order. Resolves when
   * it ended, or at once with 'dropped' when `queued` sends already wait. `send` handles its own
   * failures; one that rejects anyway still frees its turn. Never rejects.
   */
  run(tenant: string, send: () => Promise<void>): Promise<LogoutSendResult> {
    if (this.running < this.limits.concurrent) return new Promise((done) => this.start({ send, done }));
    if (this.queued >= this.limits.queued) {
      this.dropped(tenant);
      return Promise.resolve('dropped');
    }
    return new Promise((done) => this.waiting.push({ send, done }));
  }

  private start(job: Waiting): void {
    this.running += 1;
    let sending: Promise<void>;
    try {
      sending = job.send();
    } catch (error) {
      sending = Promise.reject(error);
    }
    void sending
      .catch(() => undefined)
      .then(() => {
        this.running -= 1;
        job.done('ran');
        this.next();
      });
  }

  private next(): void {
    while (this.running < this.limits.concurrent) {
      const job = this.take();
      if (!job) return;
      this.start(job);
    }
  }

  private take(): Waiting | undefined {
    if (this.head === this.waiting.length) return undefined;
    const job = this.waiting[this.head];
    this.waiting[this.head] = undefined;
    this.head += 1;
    // Reclaim the taken slots once they are half the array, so memory follows what still waits.
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    return job;
  }

  private dropped(tenant: string): void {
    this.drops.set(tenant, (this.drops.get(tenant) ?? 0) + 1);
    // The first drop after a quiet spell is told at once; later ones wait for the timer's report.
    if (this.reportTimer === undefined) this.report();
  }

  private report(): void {
    if (this.drops.size === 0) {
      this.reportTimer = undefined;
      return;
    }
    let dropped = 0;
    for (const count of this.drops.values()) dropped += count;
    const byTenant = Object.fromEntries(this.drops);
    this.drops.clear();
    this.logger.warn(
      { dropped, by_tenant: byTenant, concurrent: this.limits.concurrent, queued: this.limits.queued },
      `back-channel logout: too many logout tokens waiting to be sent; these were dropped, unsent (drops are reported at most once every ${this.limits.dropReportMs / 1000} s)`,
    );
    this.reportTimer = setTimeout(() => this.report(), this.limits.dropReportMs);
    // A pending report must not keep a stopping process alive.
    this.reportTimer.unref();
  }
}

const queues = new WeakMap<object, LogoutSendQueue>();

/**
 * The queue of the process that owns `deps.store`. server.ts opens one store per process, so this is
 * one queue per process; keyed by the store rather than kept in a module, each app a test builds on
 * a store of its own gets its own queue.
 */
export function logoutSendQueueFor(deps: { readonly store: object; readonly logger: Pick<Logger, 'warn'> }): LogoutSendQueue {
  let queue = queues.get(deps.store);
  if (!queue) {
    queue = new LogoutSendQueue(deps.logger);
    queues.set(deps.store, queue);
  }
  return queue;
}

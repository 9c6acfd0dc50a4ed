import type { LogEvent } from '../../domain/types.js';
import { FailureStreak } from '../failure_streak.js';
import { keptForRetry } from '../log_events_kept.js';

/** Longest an appended log event waits in memory before its batch is committed. */
export const LOG_BATCH_DELAY_MS = 100;
/** A batch this large is committed at once, without waiting for the delay. */
export const LOG_BATCH_MAX_EVENTS = 100;

/**
 * Log events buffered in memory and committed together, one transaction (one fsync) per batch
 * instead of one per event. The bound on loss: a crash loses the events appended in the last
 * LOG_BATCH_DELAY_MS (at most LOG_BATCH_MAX_EVENTS of them); close() and every read flush first,
 * so a graceful stop loses none and a reader in this process sees its own appends at once, except
 * while another process holds the database's lock: then the batch waits, and so does what a read sees.
 *
 * A write answers at once, or (another process holding the lock) with a promise: one batch is in
 * flight at a time, and what is appended meanwhile goes in the next, so events keep their order.
 */
export class LogBatch {
  private pending: LogEvent[] = [];
  private readonly pendingKeys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  /** After a failed batch: the next attempt waits for its pause, however many events come meanwhile. */
  private backingOff = false;
  private closed = false;
  private readonly failures = new FailureStreak(LOG_BATCH_DELAY_MS);

  constructor(
    /** Commits the events in one transaction: at once, or with a promise when it has to wait. */
    private readonly write: (events: readonly LogEvent[]) => void | Promise<void>,
    /** Told when batches cannot be written (their events are retried): at the 1st, 2nd, 4th ... failure in a row. */
    private readonly onError: (error: unknown) => void,
    /** Told of events that will never be written: beyond what is kept for retries, or still unwritten at close. */
    private readonly onLost: (count: number) => void = () => undefined,
  ) {}

  add(event: LogEvent): void {
    this.pending.push(event);
    this.pendingKeys.add(keyOf(event.tenant, event.id));
    this.scheduleFlush();
  }

  has(tenant: string, id: string): boolean {
    return this.pendingKeys.has(keyOf(tenant, id));
  }

  flush(): void {
    // The batch in flight settles first; it schedules what was appended meanwhile.
    if (this.writing) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.pendingKeys.clear();
    let written: void | Promise<void>;
    try {
      written = this.write(events);
    } catch (error) {
      this.failed(events, error);
      return;
    }
    if (!(written instanceof Promise)) {
      this.succeeded();
      return;
    }
    this.writing = written
      .then(
        () => this.succeeded(),
        (error: unknown) => this.failed(events, error),
      )
      .finally(() => {
        this.writing = undefined;
        this.scheduleFlush();
      });
  }

  /** Commits what is pending and stops the timer; what still cannot be written is reported lost. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    this.flush();
    await this.writing;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) this.onLost(this.pending.length);
    this.pending = [];
    this.pendingKeys.clear();
  }

  private succeeded(): void {
    this.failures.succeeded();
    this.backingOff = false;
  }

  /** Puts the events back in front of those appended since, and tries again after a pause that grows with the streak. */
  private failed(events: readonly LogEvent[], error: unknown): void {
    const { delayMs, report } = this.failures.failed();
    this.backingOff = true;
    if (report) this.onError(error);
    this.pending = keptForRetry([...events, ...this.pending], this.onLost);
    this.pendingKeys.clear();
    for (const event of this.pending) this.pendingKeys.add(keyOf(event.tenant, event.id));
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.closed) this.flushAfter(delayMs);
  }

  /** A full batch goes at once, the rest within the delay. */
  private scheduleFlush(): void {
    if (this.pending.length >= LOG_BATCH_MAX_EVENTS && !this.backingOff) this.flush();
    else if (this.pending.length > 0 && this.timer === undefined && !this.closed) this.flushAfter(LOG_BATCH_DELAY_MS);
  }

  private flushAfter(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs).unref();
  }
}

function keyOf(tenant: string, id: string): string {
  return `${tenant}\u0000${id}`;
}

import type { LogEvent } from '../../domain/types.js';
import { FailureStreak } from '../failure_streak.js';

/** Longest an appended log event waits in memory before its batch is committed. */
export const LOG_BATCH_DELAY_MS = 100;
/** A batch this large is committed at once, without waiting for the delay. */
export const LOG_BATCH_MAX_EVENTS = 100;
/** Events kept for a retry while the database refuses writes; older ones are dropped beyond this. */
const MAX_PENDING_EVENTS = 10_000;

/**
 * Log events buffered in memory and committed together, one transaction (one fsync) per batch
 * instead of one per event. The bound on loss: a crash loses the events appended in the last
 * LOG_BATCH_DELAY_MS (at most LOG_BATCH_MAX_EVENTS of them); close() and every read flush first,
 * so a graceful stop loses none and a reader in this process sees its own appends at once.
 */
export class LogBatch {
  private pending: LogEvent[] = [];
  private readonly pendingKeys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly failures = new FailureStreak(LOG_BATCH_DELAY_MS);

  constructor(
    /** Commits the events in one transaction. */
    private readonly write: (events: readonly LogEvent[]) => void,
    /** Told when batches cannot be written (their events are retried): at the 1st, 2nd, 4th ... failure in a row. */
    private readonly onError: (error: unknown) => void,
  ) {}

  add(event: LogEvent): void {
    this.pending.push(event);
    this.pendingKeys.add(keyOf(event.tenant, event.id));
    if (this.pending.length >= LOG_BATCH_MAX_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), LOG_BATCH_DELAY_MS).unref();
  }

  has(tenant: string, id: string): boolean {
    return this.pendingKeys.has(keyOf(tenant, id));
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.pendingKeys.clear();
    try {
      this.write(events);
      this.failures.succeeded();
    } catch (error) {
      const { delayMs, report } = this.failures.failed();
      if (report) this.onError(error);
      this.pending = events.slice(-MAX_PENDING_EVENTS);
      for (const event of this.pending) this.pendingKeys.add(keyOf(event.tenant, event.id));
      this.timer = setTimeout(() => this.flush(), delayMs).unref();
    }
  }

  /** Commits what is pending and stops the timer (a failure here is reported: those events are lost). */
  close(): void {
    this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function keyOf(tenant: string, id: string): string {
  return `${tenant}\u0000${id}`;
}

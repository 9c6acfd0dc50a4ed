import type { LogEvent } from '../../domain/types.js';
import { FailureStreak } from '../failure_streak.js';
import { keptForRetry } from '../log_events_kept.js';

/** Longest an appended log event waits in memory before its batch is sent (as on SQLite). */
export const REDIS_LOG_BATCH_DELAY_MS = 100;
/** A batch this large is sent at once, without waiting for the delay. */
export const REDIS_LOG_BATCH_MAX_EVENTS = 100;

/**
 * Log events held in memory and written to Redis together, one MULTI per batch instead of one
 * script per event. The bound on loss: a killed process loses the events appended in the last
 * REDIS_LOG_BATCH_DELAY_MS (at most REDIS_LOG_BATCH_MAX_EVENTS); close() and every read in this
 * process flush first, so a graceful stop loses none and this process sees its own appends at once.
 */
export class RedisLogAppendBatch {
  private pending: LogEvent[] = [];
  private readonly pendingKeys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly failures = new FailureStreak(REDIS_LOG_BATCH_DELAY_MS);

  constructor(
    /** Writes the events in one MULTI. */
    private readonly write: (events: readonly LogEvent[]) => Promise<void>,
    /** Told when batches cannot be written (their events are retried): at the 1st, 2nd, 4th ... failure in a row. */
    private readonly onError: (error: unknown) => void,
    /** Told of events that will never be written: beyond what is kept for retries, or still unwritten at close. */
    private readonly onLost: (count: number) => void = () => undefined,
  ) {}

  add(event: LogEvent): void {
    this.pending.push(event);
    this.pendingKeys.add(keyOf(event.tenant, event.id));
    if (this.pending.length >= REDIS_LOG_BATCH_MAX_EVENTS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), REDIS_LOG_BATCH_DELAY_MS).unref();
  }

  has(tenant: string, id: string): boolean {
    return this.pendingKeys.has(keyOf(tenant, id));
  }

  /** Sends what is pending; resolves when it (and every batch sent before it) is written or failed. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return this.inFlight;
    const events = this.pending;
    this.pending = [];
    this.pendingKeys.clear();
    this.inFlight = this.inFlight.then(() =>
      this.write(events).then(
        () => this.failures.succeeded(),
        (error: unknown) => {
          const { delayMs, report } = this.failures.failed();
          if (report) this.onError(error);
          this.pending = keptForRetry([...events, ...this.pending], this.onLost);
          for (const event of this.pending) this.pendingKeys.add(keyOf(event.tenant, event.id));
          // A timer set by an add() meanwhile would retry at once: wait the paced delay instead.
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.flush(), delayMs).unref();
        },
      ),
    );
    return this.inFlight;
  }

  /** Writes what is pending and stops the timer; what still cannot be written is reported lost. */
  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) this.onLost(this.pending.length);
    this.pending = [];
    this.pendingKeys.clear();
  }
}

function keyOf(tenant: string, id: string): string {
  return `${tenant}\u0000${id}`;
}

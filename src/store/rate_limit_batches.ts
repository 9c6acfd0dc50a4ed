import { RateLimiterRes } from 'rate-limiter-flexible';

/** Points one key gained here since the last batch, for a window of `durationMs` if none is running. */
export interface RateLimitHits {
  readonly key: string;
  readonly points: number;
  readonly durationMs: number;
}

/** A key's window as the store holds it once a batch is in: every process's points, and when it ends (epoch ms). */
export interface CountedWindow {
  readonly points: number;
  readonly expiresAt: number;
}

/**
 * The store's half: adds each key's points to its running window (or starts one when none runs),
 * atomically per key, and answers every window in the order of `hits`.
 */
export type AddRateLimitHits = (hits: readonly RateLimitHits[]) => Promise<CountedWindow[]>;

/** What a limited route needs of a limiter: its points per window, and one hit (rate-limiter-flexible's answer). */
export interface HitLimiter {
  readonly points: number;
  consume(key: string): Promise<RateLimiterRes>;
}

/** A key's window as this process knows it. */
interface LocalWindow {
  readonly key: string;
  readonly durationMs: number;
  /** Every process's points at the store's last answer. */
  stored: number;
  /** Points in the batch the store has not answered yet. */
  sending: number;
  /** Points counted here since that batch left. */
  pending: number;
  expiresAt: number;
}

/** How long hits wait to be added to the store: the most another process's hits can go unseen here. */
export const RATE_LIMIT_BATCH_MS = 100;
/** Keys this process keeps windows for; beyond it the oldest idle one is forgotten (answered by the store again). */
const MAX_WINDOWS = 100_000;

/**
 * Fixed-window rate limits counted in this process and added to the store in one batch every
 * 100 ms, instead of one store write per hit: a login passes five limits, and a write each was a
 * tenth of its CPU (docs/storage.md). A hit is decided here, on what the store last answered for
 * its key plus what this process counted since, so within one process the count is exact. Across
 * workers and instances sharing the store, a process sees the others' hits once its next batch
 * comes back: a caller spreading requests over N processes can pass a limit by at most what the
 * other N-1 let through in one batch interval. Counts live in the same rows (SQLite) and keys
 * (Redis) as rate-limiter-flexible's, so both kinds of limiter read each other's counts.
 *
 * When a batch fails (the store is down), its points stay counted and go in the next one, and
 * every hit is refused with the store's error until a batch is in again: a limit that cannot be
 * checked is not a free pass. The next batch leaves an interval later, or at once when the store's
 * readiness asks (usable()), so that "ready" is never answered while hits are still refused.
 */
export class RateLimitBatches {
  private readonly windows = new Map<string, LocalWindow>();
  private readonly unsent = new Set<LocalWindow>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;

  constructor(
    private readonly addHits: AddRateLimitHits,
    private readonly batchMs = RATE_LIMIT_BATCH_MS,
  ) {}

  /** A limiter of `points` per `durationSeconds` whose keys are `${keyPrefix}:${key}`, as rate-limiter-flexible names them. */
  limiter(options: { keyPrefix: string; points: number; durationSeconds: number }): HitLimiter {
    const { keyPrefix, points } = options;
    const durationMs = options.durationSeconds * 1000;
    return { points, consume: (key) => this.hit(`${keyPrefix}:${key}`, points, durationMs) };
  }

  /** Adds what was counted so far to the store; resolves once it is in (or has failed and is kept for the next batch). */
  flush(): Promise<void> {
    this.inFlight ??= this.send().finally(() => {
      this.inFlight = undefined;
      if (this.unsent.size > 0) this.schedule();
    });
    return this.inFlight;
  }

  /**
   * Resolves once hits are decided here again: at once when the last batch went in; otherwise once
   * the points kept since are in, sent now rather than an interval later. Rejects with the store's
   * error when they still do not go in. Free while the store is up: nothing is sent.
   */
  async usable(): Promise<void> {
    if (!this.failure) return;
    // A batch that left before the store came back may still be on its way, and fail.
    await this.inFlight;
    if (this.failure) await this.flush();
    if (this.failure) throw this.failure;
  }

  /** Sends the last batch and schedules no more; the store closes after. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.unsent.size > 0) await this.flush();
  }

  private hit(key: string, points: number, durationMs: number): Promise<RateLimiterRes> {
    if (this.failure) return Promise.reject(this.failure);
    const now = Date.now();
    const window = this.windowOf(key, durationMs, now);
    const consumed = window.stored + window.sending + window.pending + 1;
    const msBeforeNext = window.expiresAt - now;
    // A refused hit is not counted: it spends nothing, and the count stays that of the hits let through.
    if (consumed > points) return Promise.reject(new RateLimiterRes(0, msBeforeNext, consumed, false));
    window.pending += 1;
    this.unsent.add(window);
    this.schedule();
    return Promise.resolve(new RateLimiterRes(points - consumed, msBeforeNext, consumed, consumed === 1));
  }

  /** The running window of `key`; a new one when none runs. Windows are kept oldest first, so expired ones are found at the front. */
  private windowOf(key: string, durationMs: number, now: number): LocalWindow {
    const known = this.windows.get(key);
    if (known && known.expiresAt > now) return known;
    if (known) {
      // Points still unsent belong to the ended window; the store starts the new one with them.
      known.stored = 0;
      known.expiresAt = now + durationMs;
      this.windows.delete(key);
      this.windows.set(key, known);
      return known;
    }
    this.forgetIdle(now);
    const fresh: LocalWindow = { key, durationMs, stored: 0, sending: 0, pending: 0, expiresAt: now + durationMs };
    this.windows.set(key, fresh);
    return fresh;
  }

  /** Drops ended windows from the front, two per new one (so the map tracks the running ones), and the oldest idle one beyond the cap. */
  private forgetIdle(now: number): void {
    let dropped = 0;
    for (const window of this.windows.values()) {
      const idle = window.sending === 0 && window.pending === 0;
      const over = this.windows.size >= MAX_WINDOWS;
      if (dropped >= 2 || !idle || (window.expiresAt > now && !over)) break;
      this.windows.delete(window.key);
      dropped += 1;
    }
  }

  private schedule(): void {
    if (this.timer || this.inFlight || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.batchMs);
    this.timer.unref();
  }

  private async send(): Promise<void> {
    const batch = [...this.unsent];
    this.unsent.clear();
    if (batch.length === 0) return;
    for (const window of batch) {
      window.sending = window.pending;
      window.pending = 0;
    }
    try {
      const answers = await this.addHits(batch.map(({ key, sending, durationMs }) => ({ key, points: sending, durationMs })));
      batch.forEach((window, index) => {
        const answer = answers[index]!;
        window.stored = answer.points;
        window.expiresAt = answer.expiresAt;
        window.sending = 0;
      });
      this.failure = undefined;
    } catch (error) {
      for (const window of batch) {
        window.pending += window.sending;
        window.sending = 0;
        this.unsent.add(window);
      }
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }
}

/**
 * How often the primary asks each serving worker for a heartbeat (messages.ts, `heartbeat`): a
 * question the worker's event loop answers with nothing else behind it, no store, no I/O.
 */
export const HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * How long a serving worker may leave every heartbeat unanswered before the primary takes it for
 * hung (stopped, or its event loop held by a loop or a synchronous call) and kills it.
 *
 * Nothing fitgate does holds a worker's event loop for more than a fraction of a second: SQLite's
 * synchronous busy wait is bounded at 50 ms (the rest of a lock wait, up to 1 s, leaves the loop free:
 * store/sqlite/database.ts, write_gate.ts), and a garbage collection or two cores saturated by a
 * benchmark delay an answer by tenths of a second. 10 s is far more than that, so a busy worker is
 * never taken for a hung one, while a hung one costs at most this long: meanwhile it takes one new
 * connection in N and answers none of them, and /health/ready keeps the whole instance out of
 * rotation. Not a setting: there is no load at which a longer silence is a healthy worker.
 */
export const SILENCE_BOUND_MS = 10_000;

export interface HangWatchOptions {
  readonly intervalMs?: number;
  readonly silenceBoundMs?: number;
  /** A monotonic clock in ms (performance.now()); tests pass their own. */
  readonly now?: () => number;
}

interface Watched {
  /** When it last answered, moved on by the time the watch itself did not run (tick()). */
  heard: number;
  /** One heartbeat at a time: a worker that does not answer is not sent a pile of them. */
  asking: boolean;
  readonly heartbeat: (boundMs: number) => Promise<unknown>;
}

/**
 * Finds serving workers that stopped answering: each tick sends every watched worker a heartbeat,
 * unless its last one is still unanswered, and reports a worker silent for `silenceBoundMs` once,
 * then forgets it (the primary kills it; its replacement is watched anew once it listens).
 */
export class HangWatch {
  private readonly watched = new Map<number, Watched>();
  private readonly intervalMs: number;
  private readonly silenceBoundMs: number;
  private readonly now: () => number;
  private lastTick: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onSilent: (id: number, silentMs: number) => void,
    options: HangWatchOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.silenceBoundMs = options.silenceBoundMs ?? SILENCE_BOUND_MS;
    this.now = options.now ?? (() => performance.now());
    this.lastTick = this.now();
  }

  /** Ticks every interval until stop(); the timer alone keeps no process alive. */
  start(): this {
    this.lastTick = this.now();
    this.timer ??= setInterval(() => this.tick(), this.intervalMs).unref();
    return this;
  }

  /** No more ticks, and nobody watched: nothing is reported from now on. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.watched.clear();
  }

  /** Watches worker `id`, heard from now; `heartbeat` resolves when it answers within the bound. */
  watch(id: number, heartbeat: (boundMs: number) => Promise<unknown>): void {
    this.watched.set(id, { heard: this.now(), asking: false, heartbeat });
  }

  forget(id: number): void {
    this.watched.delete(id);
  }

  tick(): void {
    const now = this.now();
    // A tick that comes late means the primary itself did not run (its own loop held, the machine
    // or container paused and resumed, a CPU it was not given): answers that came meanwhile are
    // still unread, and that time is no worker's silence. Lateness within an interval is ordinary.
    const late = now - this.lastTick - this.intervalMs;
    this.lastTick = now;
    if (late > this.intervalMs) for (const each of this.watched.values()) each.heard += late;
    for (const [id, each] of this.watched) {
      const silentMs = now - each.heard;
      if (silentMs >= this.silenceBoundMs) {
        this.watched.delete(id);
        this.onSilent(id, silentMs);
        continue;
      }
      if (each.asking) continue;
      each.asking = true;
      each
        .heartbeat(this.silenceBoundMs)
        .then(
          () => (each.heard = this.now()),
          () => undefined,
        )
        .finally(() => (each.asking = false));
    }
  }
}

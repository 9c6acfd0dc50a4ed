/**
 * While a worker waits out its pause because its store was unavailable, how often the workers that
 * serve are asked whether their store answers: the instance is whole again about this long (plus a
 * worker's start) after the store is back, as a single process is.
 */
export const STORE_CHECK_INTERVAL_MS = 1_000;

export interface WaitingRestartsOptions {
  /** Starts a worker in `slot`; `early` when its store came back before its pause ended. */
  start(slot: number, early: boolean): void;
  /**
   * Whether the workers that serve reach their store: true when one of them did, false when none
   * did, undefined when no worker serves to ask.
   */
  storeAnswers(): Promise<boolean | undefined>;
  readonly checkEveryMs?: number;
}

interface Waiting {
  readonly slot: number;
  /** The worker before it could not start because its store was unavailable. */
  readonly forStore: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Restarts that wait their pause (restart_policy.ts). One that waits because its store was
 * unavailable starts as soon as the store is back instead of at the end of its pause, which by then
 * may be 30 s: a check while it waits asks the workers still serving, and once a check found their
 * store unavailable and a later one finds it answering again, every restart waiting for the store
 * starts. The pause in which the store came back need not be the one it was seen down in: the store
 * may be back a moment after a try failed. A store they reach all along does not cut a pause short
 * (a file lock that a new worker's open meets and a running worker's query does not): the worker
 * would be retried every second, each try logged; so only a return does, once per return.
 */
export class WaitingRestarts {
  private readonly waiting = new Set<Waiting>();
  private checker: NodeJS.Timeout | undefined;
  private checking = false;
  /** A check found the serving workers' store unavailable, and none found it answering since. */
  private storeSeenDown = false;

  constructor(private readonly options: WaitingRestartsOptions) {}

  add(slot: number, delayMs: number, forStore: boolean): void {
    const entry: Waiting = { slot, forStore };
    entry.timer = setTimeout(() => this.begin(entry, false), delayMs);
    this.waiting.add(entry);
    if (forStore) this.checker ??= setInterval(() => void this.checkStore(), this.options.checkEveryMs ?? STORE_CHECK_INTERVAL_MS).unref();
  }

  /** Drops every waiting restart (the instance stops). */
  clear(): void {
    for (const entry of this.waiting) clearTimeout(entry.timer);
    this.waiting.clear();
    this.stopChecking();
  }

  private begin(entry: Waiting, early: boolean): void {
    if (!this.waiting.delete(entry)) return;
    clearTimeout(entry.timer);
    if (![...this.waiting].some((each) => each.forStore)) this.stopChecking();
    this.options.start(entry.slot, early);
  }

  private stopChecking(): void {
    clearInterval(this.checker);
    this.checker = undefined;
  }

  /** One check at a time: a store that hangs makes each take its whole bound. */
  private async checkStore(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const answers = await this.options.storeAnswers().catch(() => undefined);
      if (answers === undefined) return;
      if (!answers) {
        this.storeSeenDown = true;
        return;
      }
      if (!this.storeSeenDown) return;
      this.storeSeenDown = false;
      for (const entry of [...this.waiting]) if (entry.forStore) this.begin(entry, true);
    } finally {
      this.checking = false;
    }
  }
}

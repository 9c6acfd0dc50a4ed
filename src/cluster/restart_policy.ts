import { RestartBudget } from './restart_budget.js';

/** The pause before a slot's second restart in a row; each further one doubles it, up to MAX_RESTART_DELAY_MS. */
export const FIRST_RESTART_DELAY_MS = 1_000;
/**
 * The longest pause between two restarts: once the store is back, the instance is whole again within
 * about this, while a worker that cannot start costs one attempt (and one log line) per pause.
 */
export const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that served this long was no part of a crash loop: its slot's next restart is at once again. */
export const STABLE_WORKER_MS = 60_000;

/** One worker that exited while the cluster runs, as the policy needs to know it. */
export interface WorkerExit {
  /**
   * Which of the instance's workers it was (0 … N-1), kept by its replacements: each slot has its
   * own row of restarts, so one slot waiting out a store outage does not delay another's first restart.
   */
  readonly slot: number;
  /** How long it had been running, from its fork. */
  readonly upMs: number;
  /** It could not start because its store is unavailable (it exited with STORE_UNAVAILABLE_EXIT_CODE). */
  readonly storeUnavailable: boolean;
  /** How many of the other workers listen right now. */
  readonly othersServing: number;
}

export type RestartDecision =
  /** `attempt`: how many restarts in a row of this slot this is (1 after a stable period). */
  | { readonly restart: true; readonly delayMs: number; readonly attempt: number }
  | { readonly restart: false };

export interface RestartPolicyOptions {
  readonly budget?: RestartBudget;
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly stableMs?: number;
  /** The budget's clock, when no budget is given. */
  readonly now?: () => number;
}

/**
 * When a worker that died is replaced, and when the primary gives up instead.
 *
 * A slot's restarts in a row are spaced out: the first at once (a single crash costs a worker for no
 * longer than its start), then 1, 2, 4 … s, capped at 30 s, so a worker that cannot start does not
 * spin the CPU and flood the log. The row ends when a worker that exits had stayed up
 * STABLE_WORKER_MS. The budget is the instance's: any slots' crashes add up to one crash loop.
 *
 * A worker that could not start because the store is unavailable, while another worker serves, is
 * retried for as long as that lasts and never counted against the budget: a single process rides
 * out the same outage (it answers 503 and reconnects), and so must the instance, or one worker's
 * death during a store outage would stop the workers still serving. Every other exit counts; past
 * the budget (RestartBudget) the primary gives up, so a supervisor sees a real crash loop.
 */
export class RestartPolicy {
  private readonly budget: RestartBudget;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly stableMs: number;
  private readonly inARow = new Map<number, number>();

  constructor(options: RestartPolicyOptions = {}) {
    this.budget = options.budget ?? new RestartBudget(undefined, undefined, options.now);
    this.firstDelayMs = options.firstDelayMs ?? FIRST_RESTART_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? MAX_RESTART_DELAY_MS;
    this.stableMs = options.stableMs ?? STABLE_WORKER_MS;
  }

  afterExit(exit: WorkerExit): RestartDecision {
    const before = exit.upMs >= this.stableMs ? 0 : (this.inARow.get(exit.slot) ?? 0);
    const waitingForStore = exit.storeUnavailable && exit.othersServing > 0;
    if (!waitingForStore && !this.budget.tryRestart()) return { restart: false };
    // The exponent is capped so a row that lasts a whole outage stays a finite number.
    const delayMs = before === 0 ? 0 : Math.min(this.firstDelayMs * 2 ** Math.min(before - 1, 30), this.maxDelayMs);
    this.inARow.set(exit.slot, before + 1);
    return { restart: true, delayMs, attempt: before + 1 };
  }
}

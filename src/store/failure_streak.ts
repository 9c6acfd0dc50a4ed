/** The longest wait between two attempts of a background write that keeps failing. */
const MAX_RETRY_DELAY_MS = 5_000;

/**
 * Paces the retries of a background write (a batch of log events) while its store refuses writes:
 * the wait doubles from `baseMs` up to five seconds, and the failure is worth reporting at the 1st,
 * 2nd, 4th, 8th ... of a streak, so an outage of a minute logs a handful of lines, not hundreds.
 */
export class FailureStreak {
  private failures = 0;

  constructor(private readonly baseMs: number) {}

  /** Counts a failure: how long to wait before the next attempt, and whether to report this one. */
  failed(): { delayMs: number; report: boolean } {
    this.failures += 1;
    const report = (this.failures & (this.failures - 1)) === 0;
    return { delayMs: Math.min(this.baseMs * 2 ** Math.min(this.failures - 1, 30), MAX_RETRY_DELAY_MS), report };
  }

  /** The write went through: the next failure starts a new streak. */
  succeeded(): void {
    this.failures = 0;
  }
}

/**
 * How often a crashed worker is replaced: at most `limit` restarts within any `windowMs`. A worker
 * that dies faster than that cannot start (a broken store, a bad deployment), and replacing it
 * forever would only spin the CPU and flood the log.
 */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True (and counted) when one more restart is within the budget. */
  tryRestart(): boolean {
    const at = this.now();
    while (this.restarts.length > 0 && (this.restarts[0] ?? 0) <= at - this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.limit) return false;
    this.restarts.push(at);
    return true;
  }
}

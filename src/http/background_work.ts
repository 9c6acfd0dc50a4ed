/**
 * Work a request started and did not wait for (a token refresh that carries on after its reader was
 * answered with the stored token). Shutdown waits for it, within a bound, before the store closes:
 * a refresh cut between the upstream's answer and its write would lose a rotated refresh token,
 * which a single-use upstream (legacy Fitbit) never accepts again.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    // Its outcome is its owner's to handle; here it only has to end.
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  /** How much tracked work has not ended yet. */
  get pending(): number {
    return this.running.size;
  }

  /** Resolves once all work tracked so far has ended, or after `timeoutMs`, whichever comes first. */
  async settled(timeoutMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.all(this.running), bound]);
    clearTimeout(timer);
  }
}

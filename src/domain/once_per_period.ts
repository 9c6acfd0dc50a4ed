/** What a key's occurrence that is let through carries: how many were held back since the last one. */
export interface LetThrough {
  suppressed: number;
}

export interface OncePerPeriodOptions {
  /**
   * Forget a key once it has been quiet for a whole period after its window closed, so keys that
   * come and go (a login's state, live for minutes) are kept only while they recur: memory is then
   * bounded by the keys seen in the last two periods. What a forgotten key's last window held back is
   * no longer carried: nothing recurred to carry it to for a whole period.
   */
  forgetQuietKeys?: boolean;
}

/**
 * Lets the first occurrence of each key through, then none for `periodMs`, counting those held back;
 * the next one let through carries that count. So a failure that repeats on every request is one log
 * line per period that still says how often it happened. Keys must come from a bounded set (tenants,
 * connections, fixed reasons), as one entry per key is kept for the life of the process, unless
 * quiet keys are forgotten (OncePerPeriodOptions).
 */
export function oncePerPeriod(periodMs: number, now: () => number, options: OncePerPeriodOptions = {}): (key: string) => LetThrough | undefined {
  // In the order the windows opened (each reopened one moves last), so the quiet ones come first.
  const windows = new Map<string, { endsAt: number; suppressed: number }>();

  function forgetQuietKeys(at: number): void {
    for (const [key, window] of windows) {
      if (at < window.endsAt + periodMs) return;
      windows.delete(key);
    }
  }

  return (key) => {
    const at = now();
    if (options.forgetQuietKeys) forgetQuietKeys(at);
    const open = windows.get(key);
    if (open && at < open.endsAt) {
      open.suppressed += 1;
      return undefined;
    }
    windows.delete(key);
    windows.set(key, { endsAt: at + periodMs, suppressed: 0 });
    return { suppressed: open?.suppressed ?? 0 };
  };
}

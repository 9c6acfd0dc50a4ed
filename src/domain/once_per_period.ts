/** What a key's occurrence that is let through carries: how many were held back since the last one. */
export interface LetThrough {
  suppressed: number;
}

/**
 * Lets the first occurrence of each key through, then none for `periodMs`, counting those held back;
 * the next one let through carries that count. So a failure that repeats on every request is one log
 * line per period that still says how often it happened. Keys must come from a bounded set (tenants,
 * connections, fixed reasons): one entry per key is kept for the life of the process.
 */
export function oncePerPeriod(periodMs: number, now: () => number): (key: string) => LetThrough | undefined {
  const windows = new Map<string, { endsAt: number; suppressed: number }>();
  return (key) => {
    const at = now();
    const open = windows.get(key);
    if (open && at < open.endsAt) {
      open.suppressed += 1;
      return undefined;
    }
    windows.set(key, { endsAt: at + periodMs, suppressed: 0 });
    return { suppressed: open?.suppressed ?? 0 };
  };
}

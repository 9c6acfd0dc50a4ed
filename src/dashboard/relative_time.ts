/**
 * Dates as people read them ("3 minutes ago"), with the exact moment kept for a tooltip and for
 * machines (<time datetime>). Relative to when the page is rendered; beyond a month, the date.
 */
export interface ShownTime {
  /** The stored ISO 8601 value, for datetime="". */
  readonly iso: string;
  /** "2026-12-01 22:59:54 UTC", for title="". */
  readonly exact: string;
  /** "just now", "3 minutes ago", "yesterday", "in 2 hours", or the date. */
  readonly relative: string;
}

const UNITS: readonly [unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];
const words = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function shownTime(iso: string, nowMs: number = Date.now()): ShownTime | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const exact = `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return { iso, exact, relative: relativeWords(at - nowMs, exact) };
}

function relativeWords(deltaMs: number, exact: string): string {
  const seconds = Math.round(deltaMs / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  if (Math.abs(seconds) >= 30 * 86_400) return exact.slice(0, 10);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return words.format(Math.round(seconds / size), unit);
  }
  return words.format(Math.round(seconds / 60) || Math.sign(seconds), 'minute');
}

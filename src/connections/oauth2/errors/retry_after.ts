/**
 * The seconds a Retry-After header asks to wait (RFC 9110 §10.2.3), given as seconds or as an HTTP
 * date; undefined when absent or unreadable. `now` (epoch milliseconds, Date.now() when absent)
 * measures a date against the clock the caller reads the answer by.
 */
export function retryAfterSeconds(retryAfter: string | undefined, now?: number): number | undefined {
  if (retryAfter === undefined) return undefined;
  if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - (now ?? Date.now())) / 1000));
}

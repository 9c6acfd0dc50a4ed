/** An ephemeral record's time to live in milliseconds; both stores refuse a TTL that is not positive. */
export function ephemeralTtlMs(ttlSeconds: number): number {
  if (!(ttlSeconds > 0)) throw new RangeError(`ttlSeconds must be positive, got ${ttlSeconds}`);
  return Math.round(ttlSeconds * 1000);
}

/** Log events kept in memory for a retry while the store refuses writes; older ones are dropped beyond this. */
export const MAX_PENDING_LOG_EVENTS = 10_000;

/**
 * The newest MAX_PENDING_LOG_EVENTS of `events`, oldest first, telling `onLost` how many older ones
 * were dropped: a store refusing writes for long must not grow the process without bound, and the
 * operator must hear that the log has a hole.
 */
export function keptForRetry<T>(events: readonly T[], onLost: (count: number) => void): T[] {
  const dropped = events.length - MAX_PENDING_LOG_EVENTS;
  if (dropped <= 0) return [...events];
  onLost(dropped);
  return events.slice(dropped);
}

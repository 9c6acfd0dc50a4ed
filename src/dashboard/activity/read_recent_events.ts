import type { LogRepository } from '../../domain/ports.js';
import type { LogEvent } from '../../domain/types.js';

/**
 * The tenant's log events since `sinceMs`, oldest first, read by date range rather than by scanning
 * the log: log ids begin with their time, so listAfter from the id prefix of `sinceMs` reads only
 * the range, in batches, on either store. At most `maxEvents`; `complete` says whether the range
 * held more (the chart then says so).
 */
export interface RecentEvents {
  readonly events: LogEvent[];
  readonly complete: boolean;
}

const BATCH = 1000;

export async function readRecentEvents(
  logs: Pick<LogRepository, 'listAfter'>,
  tenant: string,
  sinceMs: number,
  maxEvents: number,
): Promise<RecentEvents> {
  // The smallest id of that millisecond sorts after this prefix (ids are 12 hex digits of time, then more).
  let from = Math.max(0, sinceMs - 1).toString(16).padStart(12, '0') + 'f'.repeat(16);
  const events: LogEvent[] = [];
  for (;;) {
    const take = Math.min(BATCH, maxEvents - events.length);
    if (take <= 0) return { events, complete: false };
    const batch = await logs.listAfter(tenant, { from, take });
    events.push(...batch);
    if (batch.length < take) return { events, complete: true };
    from = batch[batch.length - 1]!.id;
  }
}

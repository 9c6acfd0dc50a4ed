import type { LogRepository } from '../../domain/ports.js';
import { activityChart, type ActivityChart } from './activity_chart.js';
import { activitySeries, LAST_24_HOURS, LAST_30_DAYS, type ActivitySeries, type Period, type Series } from './activity_series.js';
import { readRecentEvents } from './read_recent_events.js';

/**
 * What the Overview and a connection's Activity tab draw: for the last 24 hours and the last 30
 * days, a chart of logins (successes, failures, upstream errors) and one of token refreshes (those
 * that succeeded, users whose refresh needs re-authorization), with the failure reasons. Two bounded
 * reads by date range. The second chart is titled by what it counts: code exchanges and
 * machine-to-machine tokens are not in it, so "Tokens" would read "No tokens yet" beside them.
 */
export interface ActivityPeriodView {
  readonly heading: string;
  readonly charts: ActivityChart[];
  readonly failureReasons: ActivitySeries['failureReasons'];
  /** False when the period held more events than are read for a chart. */
  readonly complete: boolean;
}

/** Bounds each read; a tenant busier than this sees a chart of the oldest part and a note. */
export const MAX_EVENTS_PER_PERIOD = 50_000;

const LOGIN_SERIES: readonly Series[] = ['success', 'failure', 'upstream_error'];
const TOKEN_SERIES: readonly Series[] = ['refresh', 'reauthorization'];
const hourLabel = (iso: string) => iso.slice(11, 16);
const dayLabel = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export async function loginActivity(
  logs: Pick<LogRepository, 'listAfter'>,
  tenant: string,
  options: { nowMs?: number; connection?: string; idPrefix: string },
): Promise<ActivityPeriodView[]> {
  const nowMs = options.nowMs ?? Date.now();
  const periods: { period: Period; heading: string; phrase: string; label: (iso: string) => string; every: number }[] = [
    { period: LAST_24_HOURS, heading: 'Last 24 hours (UTC)', phrase: 'in the last 24 hours', label: hourLabel, every: 6 },
    { period: LAST_30_DAYS, heading: 'Last 30 days', phrase: 'in the last 30 days', label: dayLabel, every: 7 },
  ];
  return Promise.all(
    periods.map(async ({ period, heading, phrase, label, every }) => {
      const since = (Math.floor(nowMs / period.bucketMs) - (period.buckets - 1)) * period.bucketMs;
      const { events, complete } = await readRecentEvents(logs, tenant, since, MAX_EVENTS_PER_PERIOD);
      const data = activitySeries(events, period, nowMs, options.connection);
      const id = `${options.idPrefix}-${period === LAST_24_HOURS ? '24h' : '30d'}`;
      return {
        heading,
        charts: [
          activityChart(`${id}-logins`, `Logins ${phrase}`, data, LOGIN_SERIES, label, every),
          activityChart(`${id}-tokens`, `Token refreshes ${phrase}`, data, TOKEN_SERIES, label, every),
        ],
        failureReasons: data.failureReasons,
        complete,
      };
    }),
  );
}

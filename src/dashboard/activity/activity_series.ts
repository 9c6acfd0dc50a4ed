import type { LogEvent } from '../../domain/types.js';

/**
 * Login activity counted per time bucket from the tenant's log events: end users' successful
 * logins, their failures (by reason), failures the upstream caused, fitgate's token refreshes, and
 * users whose upstream access needs re-authorization. Dashboard sign-ins and TRYs are not logins of
 * end users and are left out.
 */
export const SERIES = ['success', 'failure', 'upstream_error', 'refresh', 'reauthorization'] as const;
export type Series = (typeof SERIES)[number];

export const SERIES_LABELS: Readonly<Record<Series, string>> = {
  success: 'Successful logins',
  failure: 'Failed logins',
  upstream_error: 'Upstream errors',
  refresh: 'Token refreshes',
  reauthorization: 'Users needing re-authorization',
};

/**
 * What the client is told when an upstream's answer leaves the remedy to the user (they declined, or
 * must sign in there: map_upstream_error.ts): the upstream did not fail.
 */
const USERS_OWN_CODES = new Set(['access_denied', 'login_required']);

/**
 * How failed logins were told apart before their events said whose failure they were: these codes
 * meant the upstream's, unless the event said fitgate's own store failed with the same code.
 */
const UPSTREAM_CODES_BEFORE_SOURCE = new Set(['temporarily_unavailable', 'upstream_error', 'server_error']);

export interface Bucket {
  /** Start of the bucket, ISO 8601. */
  readonly start: string;
  readonly counts: Record<Series, number>;
}

export interface ActivitySeries {
  readonly buckets: Bucket[];
  readonly totals: Record<Series, number>;
  /** Failed logins (including upstream errors) by their error code, most frequent first. */
  readonly failureReasons: { reason: string; count: number }[];
}

export interface Period {
  readonly bucketMs: number;
  readonly buckets: number;
}

export const LAST_24_HOURS: Period = { bucketMs: 3_600_000, buckets: 24 };
export const LAST_30_DAYS: Period = { bucketMs: 86_400_000, buckets: 30 };

/** Which series an event counts in, if any. */
export function seriesOf(event: LogEvent): Series | undefined {
  const endUser = Boolean(event.clientId || event.connection);
  if (event.details?.try === true) return undefined;
  switch (event.type) {
    case 's':
      return endUser ? 'success' : undefined;
    case 'f':
      if (!endUser) return undefined;
      return isUpstreamFailure(event.details) ? 'upstream_error' : 'failure';
    case 'sertft':
      return 'refresh';
    case 'fertft':
      return event.details?.status === 'needs_reauthorization' ? 'reauthorization' : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether a failed login was the upstream's: its event says whose it was (details.source, written
 * by login_log.ts from upstream/login_failure.ts), and an upstream's answer that the user declined
 * or must sign in is the user's. An event written before logins said whose (no source) is guessed
 * from its code, as then.
 */
function isUpstreamFailure(details: LogEvent['details']): boolean {
  const code = String(details?.error ?? '');
  switch (details?.source) {
    case 'upstream':
      return !USERS_OWN_CODES.has(code);
    case 'fitgate':
      return false;
    default:
      return UPSTREAM_CODES_BEFORE_SOURCE.has(code);
  }
}

/**
 * Buckets of `period` ending with the one that holds `nowMs` (hours or UTC days aligned to their
 * start). `connection` keeps only that connection's events. Re-authorizations count each user once
 * per bucket.
 */
export function activitySeries(events: readonly LogEvent[], period: Period, nowMs: number, connection?: string): ActivitySeries {
  const lastStart = Math.floor(nowMs / period.bucketMs) * period.bucketMs;
  const firstStart = lastStart - (period.buckets - 1) * period.bucketMs;
  const buckets: Bucket[] = Array.from({ length: period.buckets }, (_, index) => ({
    start: new Date(firstStart + index * period.bucketMs).toISOString(),
    counts: emptyCounts(),
  }));
  const totals = emptyCounts();
  const reasons = new Map<string, number>();
  const reauthorized = new Set<string>();
  for (const event of events) {
    if (connection !== undefined && event.connection !== connection) continue;
    const series = seriesOf(event);
    const at = Date.parse(event.date);
    if (!series || Number.isNaN(at) || at < firstStart || at >= lastStart + period.bucketMs) continue;
    const index = Math.floor((at - firstStart) / period.bucketMs);
    if (series === 'reauthorization') {
      const key = `${index}|${event.userId ?? event.id}`;
      if (reauthorized.has(key)) continue;
      reauthorized.add(key);
    }
    buckets[index]!.counts[series] += 1;
    totals[series] += 1;
    if (series === 'failure' || series === 'upstream_error') {
      const reason = String(event.details?.error ?? 'unknown');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
  }
  const failureReasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { buckets, totals, failureReasons };
}

function emptyCounts(): Record<Series, number> {
  return { success: 0, failure: 0, upstream_error: 0, refresh: 0, reauthorization: 0 };
}

import { describe, expect, it } from '@jest/globals';
import { activitySeries, LAST_24_HOURS, LAST_30_DAYS, seriesOf } from '../../../../src/dashboard/activity/activity_series.js';
import type { LogEvent } from '../../../../src/domain/types.js';

const NOW = Date.parse('2026-12-01T12:30:00.000Z');
let sequence = 0;
function event(type: string, date: string, extra: Partial<LogEvent> = {}): LogEvent {
  sequence += 1;
  return { tenant: 'default', id: `id${sequence}`, date, type, ...extra };
}

describe('login activity counted from log events', () => {
  it('counts end users\' logins and leaves dashboard sign-ins and TRYs out', () => {
    expect(seriesOf(event('s', '', { clientId: 'app', connection: 'fitbit' }))).toBe('success');
    expect(seriesOf(event('s', '', { userName: 'admin@example.com' }))).toBeUndefined();
    expect(seriesOf(event('s', '', { connection: 'fitbit', details: { try: true } }))).toBeUndefined();
    expect(seriesOf(event('f', '', { userName: 'admin@example.com' }))).toBeUndefined();
  });

  it('tells upstream errors from other failures by whose the event says the failure was', () => {
    const failed = (details: Record<string, unknown>) => seriesOf(event('f', '', { clientId: 'app', details }));
    expect(failed({ error: 'temporarily_unavailable', source: 'upstream', upstream_kind: 'timeout' })).toBe('upstream_error');
    expect(failed({ error: 'server_error', source: 'upstream', upstream_kind: 'invalid_client' })).toBe('upstream_error');
    // fitgate's own, whatever the code: its store down, or a fault of its own (a server_error).
    expect(failed({ error: 'temporarily_unavailable', source: 'fitgate' })).toBe('failure');
    expect(failed({ error: 'server_error', source: 'fitgate' })).toBe('failure');
    // The upstream answered, but the remedy is the user's: they declined, or must sign in there.
    expect(failed({ error: 'access_denied', source: 'upstream', upstream_kind: 'insufficient_scope' })).toBe('failure');
    expect(failed({ error: 'login_required', source: 'upstream', upstream_kind: 'interaction_required' })).toBe('failure');
  });

  it('guesses from the code for events written before logins said whose failure it was', () => {
    expect(seriesOf(event('f', '', { clientId: 'app', details: { error: 'access_denied' } }))).toBe('failure');
    expect(seriesOf(event('f', '', { clientId: 'app', details: { error: 'temporarily_unavailable' } }))).toBe('upstream_error');
    expect(seriesOf(event('f', '', { clientId: 'app', details: { error: 'server_error' } }))).toBe('upstream_error');
  });

  it('tells re-authorizations from other refresh failures', () => {
    expect(seriesOf(event('sertft', ''))).toBe('refresh');
    expect(seriesOf(event('fertft', '', { details: { status: 'needs_reauthorization' } }))).toBe('reauthorization');
    expect(seriesOf(event('fertft', '', { details: { error: 'invalid_grant' } }))).toBeUndefined();
  });

  it('puts each event in its hour, drops those outside the 24 hours, and counts a user needing re-authorization once an hour', () => {
    const events = [
      event('s', '2026-12-01T12:05:00.000Z', { clientId: 'app', connection: 'fitbit' }),
      event('s', '2026-12-01T11:59:59.999Z', { clientId: 'app', connection: 'fitbit' }),
      event('s', '2026-11-30T12:59:59.000Z', { clientId: 'app', connection: 'fitbit' }),
      event('s', '2026-11-30T13:00:00.000Z', { clientId: 'app', connection: 'fitbit' }),
      event('fertft', '2026-12-01T12:10:00.000Z', { userId: 'fitbit|A', details: { status: 'needs_reauthorization' } }),
      event('fertft', '2026-12-01T12:20:00.000Z', { userId: 'fitbit|A', details: { status: 'needs_reauthorization' } }),
    ];
    const series = activitySeries(events, LAST_24_HOURS, NOW);
    expect(series.buckets).toHaveLength(24);
    expect(series.buckets[0]!.start).toBe('2026-11-30T13:00:00.000Z');
    expect(series.buckets[23]!.start).toBe('2026-12-01T12:00:00.000Z');
    expect(series.buckets[23]!.counts).toMatchObject({ success: 1, reauthorization: 1 });
    expect(series.buckets[22]!.counts.success).toBe(1);
    expect(series.buckets[0]!.counts.success).toBe(1);
    expect(series.totals).toMatchObject({ success: 3, reauthorization: 1 });
  });

  it('keeps one connection\'s events when asked, and lists failure reasons by frequency', () => {
    const events = [
      event('f', '2026-12-01T10:00:00.000Z', { clientId: 'app', connection: 'fitbit', details: { error: 'access_denied' } }),
      event('f', '2026-12-01T10:00:00.000Z', { clientId: 'app', connection: 'fitbit', details: { error: 'access_denied' } }),
      event('f', '2026-11-20T10:00:00.000Z', { clientId: 'app', connection: 'fitbit', details: { error: 'temporarily_unavailable' } }),
      event('f', '2026-12-01T10:00:00.000Z', { clientId: 'app', connection: 'other', details: { error: 'login_required' } }),
    ];
    const series = activitySeries(events, LAST_30_DAYS, NOW, 'fitbit');
    expect(series.buckets).toHaveLength(30);
    expect(series.totals).toMatchObject({ failure: 2, upstream_error: 1 });
    expect(series.failureReasons).toEqual([
      { reason: 'access_denied', count: 2 },
      { reason: 'temporarily_unavailable', count: 1 },
    ]);
  });
});

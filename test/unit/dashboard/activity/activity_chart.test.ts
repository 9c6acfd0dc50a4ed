import { describe, expect, it } from '@jest/globals';
import { activityChart, niceMax } from '../../../../src/dashboard/activity/activity_chart.js';
import { activitySeries, LAST_24_HOURS } from '../../../../src/dashboard/activity/activity_series.js';
import type { LogEvent } from '../../../../src/domain/types.js';

describe('the activity chart geometry', () => {
  it('rounds the axis up to an even number', () => {
    expect([0, 1, 3, 7, 13, 42, 100].map(niceMax)).toEqual([2, 2, 4, 10, 20, 50, 100]);
  });

  it('stacks each bucket\'s series with heights in proportion, and keeps the numbers in a table', () => {
    const now = Date.parse('2026-12-01T12:30:00.000Z');
    const at = (type: string, error?: string): LogEvent => ({
      tenant: 'default',
      id: Math.random().toString(16),
      date: '2026-12-01T12:10:00.000Z',
      type,
      clientId: 'app',
      ...(error ? { details: { error } } : {}),
    });
    const data = activitySeries([at('s'), at('s'), at('s'), at('f', 'access_denied')], LAST_24_HOURS, now);
    const chart = activityChart('c', 'Logins in the last 24 hours', data, ['success', 'failure', 'upstream_error'], (iso) => iso.slice(11, 16), 6);
    const [success, failure] = chart.bars;
    expect(chart.bars).toHaveLength(2);
    expect(success!.series).toBe('success');
    expect(failure!.series).toBe('failure');
    expect(success!.height).toBeCloseTo(failure!.height * 3, 0);
    expect(failure!.y + failure!.height).toBeCloseTo(success!.y, 5);
    expect(chart.summary).toBe('Logins in the last 24 hours: 3 successful logins, 1 failed logins, 0 upstream errors.');
    expect(chart.table.rows[23]).toEqual({ label: '12:00', start: '2026-12-01T12:00:00.000Z', values: [3, 1, 0] });
    expect(chart.yTicks.map((tick) => tick.label)).toEqual(['0', '2', '4']);
    expect(chart.xTicks).toHaveLength(4);
  });
});

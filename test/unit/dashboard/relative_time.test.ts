import { describe, expect, it } from '@jest/globals';
import { shownTime } from '../../../src/dashboard/relative_time.js';

describe('dates in words with the exact time kept', () => {
  const now = Date.parse('2026-12-01T12:00:00.000Z');
  const words = (iso: string) => shownTime(iso, now)?.relative;

  it('says "just now", minutes, hours and "yesterday" as people do', () => {
    expect(words('2026-12-01T11:59:50.000Z')).toBe('just now');
    expect(words('2026-12-01T11:57:00.000Z')).toBe('3 minutes ago');
    expect(words('2026-12-01T09:00:00.000Z')).toBe('3 hours ago');
    expect(words('2026-11-30T12:00:00.000Z')).toBe('yesterday');
    expect(words('2026-12-01T14:00:00.000Z')).toBe('in 2 hours');
  });

  it('gives the date past a month, the exact UTC time for hover, and nothing for a value that is no date', () => {
    expect(words('2026-09-01T12:00:00.000Z')).toBe('2026-09-01');
    expect(shownTime('2026-12-01T11:57:00.123Z', now)).toEqual({ iso: '2026-12-01T11:57:00.123Z', exact: '2026-12-01 11:57:00 UTC', relative: '3 minutes ago' });
    expect(shownTime('not a date', now)).toBeUndefined();
  });
});

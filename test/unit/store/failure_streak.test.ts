import { describe, expect, it } from '@jest/globals';
import { FailureStreak } from '../../../src/store/failure_streak.js';

describe('FailureStreak', () => {
  it('doubles the wait up to five seconds and reports the 1st, 2nd, 4th and 8th failure of a streak', () => {
    const streak = new FailureStreak(100);
    const seen = Array.from({ length: 9 }, () => streak.failed());
    expect(seen.map((failure) => failure.delayMs)).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
    expect(seen.map((failure, index) => (failure.report ? index + 1 : 0)).filter(Boolean)).toEqual([1, 2, 4, 8]);
  });

  it('starts a new streak after a success', () => {
    const streak = new FailureStreak(100);
    streak.failed();
    streak.failed();
    streak.succeeded();
    expect(streak.failed()).toEqual({ delayMs: 100, report: true });
  });
});

import { describe, expect, it } from '@jest/globals';
import { medianInterval } from '../../../bench/median_interval.js';

/** bench:compare's 95 % interval for the median round ratio, by order statistics. */

/** 1, 2, ..., n in a shuffled order: the interval's bounds are then their own ranks. */
function ranks(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1);
}

describe('medianInterval', () => {
  // The ranks of the published tables of order-statistic intervals for the median (95 %).
  it.each([
    [6, 1, 6],
    [10, 2, 9],
    [20, 6, 15],
    [40, 14, 27],
    [100, 40, 61],
  ])('with %i values runs from the %i-th smallest to the %i-th', (n, low, high) => {
    expect(medianInterval(ranks(n))).toEqual({ low, high });
  });

  it('has no interval for five values or fewer, where no pair of ranks covers 95 %', () => {
    expect(medianInterval(ranks(5))).toBeUndefined();
    expect(medianInterval([])).toBeUndefined();
  });

  it('narrows around the median as rounds are added', () => {
    const width = (n: number): number => {
      const interval = medianInterval(ranks(n))!;
      return (interval.high - interval.low) / n;
    };
    expect(width(160)).toBeLessThan(width(40));
    expect(width(1000)).toBeLessThan(width(160));
  });

  it('takes the confidence asked for: a wider interval for more of it', () => {
    const at80 = medianInterval(ranks(40), 0.8)!;
    const at99 = medianInterval(ranks(40), 0.99)!;
    expect(at80.high - at80.low).toBeLessThan(at99.high - at99.low);
  });
});

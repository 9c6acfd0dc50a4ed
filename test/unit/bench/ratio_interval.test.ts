import { describe, expect, it } from '@jest/globals';
import { ratioInterval } from '../../../bench/ratio_interval.js';

/** bench:compare's combined ratio of its pairs of processes, and its 95 % interval (Student's t on the logs). */

describe('ratioInterval', () => {
  it('is the geometric mean of the ratios, so a ratio and its inverse weigh alike', () => {
    expect(ratioInterval([0.8, 1.25])!.estimate).toBeCloseTo(1, 12);
    expect(ratioInterval([0.9, 0.9, 0.9])).toEqual({ estimate: expect.closeTo(0.9, 12), low: expect.closeTo(0.9, 12), high: expect.closeTo(0.9, 12) });
  });

  it('spans mean ± t · s / √n of the logarithms, with t for n - 1 degrees of freedom', () => {
    // logs -0.1, 0, 0.1: mean 0, s 0.1, n 3, t(2) = 4.303.
    const interval = ratioInterval([Math.exp(-0.1), 1, Math.exp(0.1)])!;
    expect(Math.log(interval.high)).toBeCloseTo((4.303 * 0.1) / Math.sqrt(3), 6);
    expect(Math.log(interval.low)).toBeCloseTo((-4.303 * 0.1) / Math.sqrt(3), 6);
  });

  it('narrows as independent measurements are added', () => {
    const spread = [0.95, 1.05, 0.97, 1.03];
    const width = (ratios: number[]): number => ratioInterval(ratios)!.high - ratioInterval(ratios)!.low;
    expect(width([...spread, ...spread, ...spread])).toBeLessThan(width(spread));
  });

  it('errs on the wide side past the table (more than 20 degrees of freedom)', () => {
    const ratios = Array.from({ length: 26 }, (_, i) => (i % 2 === 0 ? 0.98 : 1.02));
    const interval = ratioInterval(ratios)!;
    const logs = ratios.map(Math.log);
    const mean = logs.reduce((a, b) => a + b) / logs.length;
    const s = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
    // t(25) is 2.060; the interval uses t(21) = 2.080.
    expect(Math.log(interval.high) - mean).toBeCloseTo((2.08 * s) / Math.sqrt(26), 9);
  });

  it('has no interval for one measurement, and refuses a ratio that is not positive', () => {
    expect(ratioInterval([1.02])).toBeUndefined();
    expect(ratioInterval([])).toBeUndefined();
    expect(() => ratioInterval([1, 0])).toThrow('ratios must be positive');
  });
});

/**
 * The typical ratio of several independent measurements of one ratio (their geometric mean), with
 * a 95 % confidence interval from Student's t on the logarithms.
 *
 * bench:compare needs it because its rounds are not independent: two processes of the same build
 * differ by several percent for as long as they live (where the scheduler puts them, what V8
 * optimised), so a run's rounds share that difference and an interval over them claims a precision
 * it does not have. Each fresh pair of processes is one independent measurement; this combines them.
 *
 * Undefined for fewer than two measurements, which have no spread to judge by.
 */
export function ratioInterval(ratios: readonly number[]): { estimate: number; low: number; high: number } | undefined {
  const n = ratios.length;
  if (n < 2) return undefined;
  if (ratios.some((ratio) => !(ratio > 0))) throw new RangeError('ratios must be positive');
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((sum, value) => sum + value, 0) / n;
  const variance = logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const halfWidth = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { estimate: Math.exp(mean), low: Math.exp(mean - halfWidth), high: Math.exp(mean + halfWidth) };
}

/** Student's t at 0.975 (two-sided 95 %) by degrees of freedom, from the standard table. */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];

function tQuantile975(degrees: number): number {
  if (degrees <= T_975.length) return T_975[degrees - 1]!;
  // Past the table, the value at the start of each stretch, so the interval errs on the wide side.
  return degrees <= 30 ? 2.08 : degrees <= 60 ? 2.042 : 2.0;
}

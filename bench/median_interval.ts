/**
 * A distribution-free confidence interval for the median of `values` (by order statistics): the
 * k-th smallest and the k-th largest value, with k the largest rank such that a median outside them
 * is no likelier than 1 - `confidence`. It assumes nothing about the shape of the values, which
 * suits bench:compare's round ratios: this machine's drift gives them long, uneven tails.
 *
 * Undefined when there are too few values for any interval at that confidence (five or fewer at 95 %).
 */
export function medianInterval(values: readonly number[], confidence = 0.95): { low: number; high: number } | undefined {
  const n = values.length;
  const rank = outerRank(n, (1 - confidence) / 2);
  if (rank === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { low: sorted[rank - 1]!, high: sorted[n - rank]! };
}

/**
 * The largest k for which P(X < k) <= tail, X ~ Binomial(n, 1/2): the chance that fewer than k of
 * n values fall below the true median. Summed in log space, so n may be large.
 */
function outerRank(n: number, tail: number): number {
  let logCoefficient = 0; // log C(n, 0)
  let below = 0; // P(X < k) for the current k
  let k = 0;
  while (k < n) {
    const next = below + Math.exp(logCoefficient - n * Math.LN2);
    if (next > tail) break;
    below = next;
    k += 1;
    logCoefficient += Math.log((n - k + 1) / k);
  }
  return k;
}

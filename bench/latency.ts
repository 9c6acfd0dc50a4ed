/** Latency samples of one hop, in milliseconds, summarised by nearest-rank percentiles. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: round(sorted[sorted.length - 1] ?? 0) };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Collects the time of each named hop; one per load run, shared by its virtual users. */
export class HopTimes {
  private readonly samples = new Map<string, number[]>();

  constructor(readonly hops: readonly string[]) {
    for (const hop of hops) this.samples.set(hop, []);
  }

  /** Times `step` under `hop`; failures are not recorded as latencies (they are counted as errors). */
  async time<T>(hop: string, step: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await step();
    this.samples.get(hop)?.push(performance.now() - started);
    return result;
  }

  summary(): Record<string, LatencySummary> {
    return Object.fromEntries(this.hops.map((hop) => [hop, summarise(this.samples.get(hop) ?? [])]));
  }
}

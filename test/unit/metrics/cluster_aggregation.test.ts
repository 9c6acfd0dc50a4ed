import { describe, expect, it } from '@jest/globals';
import { Counter, Gauge, Registry } from 'prom-client';
import { aggregateCluster, type MetricJson } from '../../../src/metrics/cluster_aggregation.js';
import { parseExposition } from '../../integration/metrics/scrape.js';

// How the cluster primary combines its workers' figures with its own: counters summed, the event
// loop's lag the worst process's (an average hides one stuck worker), a file-descriptor limit one
// process's, and the start time the primary's (prom-client omits every process's from a sum).

/** One process's figures as it would send them over IPC (a JSON round trip). */
async function processFigures(figures: { lagP99: number; lagMin: number; logins: number; maxFds: number; startTime: number }): Promise<MetricJson[]> {
  const registry = new Registry();
  const gauge = (name: string, value: number, aggregator?: 'average' | 'min' | 'omit' | 'sum') =>
    new Gauge({ name, help: name, registers: [registry], ...(aggregator && { aggregator }) }).set(value);
  // The aggregators prom-client's default metrics carry.
  gauge('nodejs_eventloop_lag_p99_seconds', figures.lagP99, 'average');
  gauge('nodejs_eventloop_lag_seconds', figures.lagP99, 'average');
  gauge('nodejs_eventloop_lag_min_seconds', figures.lagMin, 'min');
  gauge('process_max_fds', figures.maxFds, 'sum');
  gauge('process_start_time_seconds', figures.startTime, 'omit');
  new Counter({ name: 'fitgate_logins_total', help: 'logins', registers: [registry] }).inc(figures.logins);
  return JSON.parse(JSON.stringify(await registry.getMetricsAsJSON())) as MetricJson[];
}

async function served(primary: MetricJson[], workers: MetricJson[][]): Promise<Map<string, number>> {
  const series = parseExposition(await aggregateCluster(primary, workers).metrics());
  return new Map(series.map((each) => [each.name, each.value]));
}

describe('the cluster aggregate', () => {
  it("takes the worst process's event-loop lag, not the average, and keeps the lowest minimum", async () => {
    const primary = await processFigures({ lagP99: 0.01, lagMin: 0.001, logins: 0, maxFds: 1024, startTime: 1000 });
    const calm = await processFigures({ lagP99: 0.02, lagMin: 0.002, logins: 3, maxFds: 1024, startTime: 1010 });
    const stuck = await processFigures({ lagP99: 1.5, lagMin: 0.9, logins: 4, maxFds: 1024, startTime: 1011 });
    const figures = await served(primary, [calm, stuck]);
    expect(figures.get('nodejs_eventloop_lag_p99_seconds')).toBe(1.5);
    expect(figures.get('nodejs_eventloop_lag_seconds')).toBe(1.5);
    expect(figures.get('nodejs_eventloop_lag_min_seconds')).toBe(0.001);
  });

  it('sums counters over the processes', async () => {
    const primary = await processFigures({ lagP99: 0, lagMin: 0, logins: 0, maxFds: 1024, startTime: 1000 });
    const workers = [await processFigures({ lagP99: 0, lagMin: 0, logins: 3, maxFds: 1024, startTime: 1010 }), await processFigures({ lagP99: 0, lagMin: 0, logins: 4, maxFds: 1024, startTime: 1011 })];
    expect((await served(primary, workers)).get('fitgate_logins_total')).toBe(7);
  });

  it("reports one process's file-descriptor limit, not the sum of three", async () => {
    const each = { lagP99: 0, lagMin: 0, logins: 0, maxFds: 1024, startTime: 1000 };
    expect((await served(await processFigures(each), [await processFigures(each), await processFigures(each)])).get('process_max_fds')).toBe(1024);
  });

  it("reports the primary's start time, the instance's, and no worker's", async () => {
    const primary = await processFigures({ lagP99: 0, lagMin: 0, logins: 0, maxFds: 1024, startTime: 1000 });
    const replaced = await processFigures({ lagP99: 0, lagMin: 0, logins: 0, maxFds: 1024, startTime: 5000 });
    const text = await aggregateCluster(primary, [replaced]).metrics();
    expect(parseExposition(text).filter((series) => series.name === 'process_start_time_seconds')).toEqual([
      { name: 'process_start_time_seconds', labels: {}, value: 1000 },
    ]);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scrape } from './scrape.js';

// Under node:cluster each worker counts in its own registry and the primary serves the sum: a real
// primary with two real workers (built code from dist/, as npm test builds it first), each counting
// one login.

const dist = (path: string) => fileURLToPath(new URL(`../../../dist/src/metrics/${path}`, import.meta.url));

const SCRIPT = `
import cluster from 'node:cluster';
import { createPrometheusMetrics } from ${JSON.stringify(dist('prometheus_metrics.js'))};
import { shareMetricsWithPrimary, startMetricsServer } from ${JSON.stringify(dist('metrics_server.js'))};

if (cluster.isPrimary) {
  const server = await startMetricsServer({ metricsPort: 0 }, { cluster: true });
  let ready = 0;
  for (let index = 0; index < 2; index += 1) {
    cluster.fork().on('message', (message) => {
      if (message === 'counted' && ++ready === 2) process.stdout.write('port ' + server.port + '\\n');
    });
  }
} else {
  const metrics = createPrometheusMetrics();
  shareMetricsWithPrimary(metrics.registry);
  metrics.authn.login('acme', 'fitbit', 'success', 'new_user');
  metrics.vault.refreshed('acme', 'fitbit', 'success');
  process.send('counted');
}
`;

describe('metrics under node:cluster', () => {
  let directory: string;
  let primary: ChildProcess;
  let port: number;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'fitgate-cluster-metrics-'));
    writeFileSync(join(directory, 'cluster.mjs'), SCRIPT);
    primary = spawn(process.execPath, [join(directory, 'cluster.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    port = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the cluster did not start: ${output}`)), 15_000);
      primary.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /port (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      primary.once('exit', (code) => reject(new Error(`the primary exited with ${code}: ${output}`)));
    });
  });

  afterAll(async () => {
    if (primary.exitCode === null) {
      const exited = new Promise((resolve) => primary.once('exit', resolve));
      primary.kill('SIGKILL');
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves from the primary the sum of what every worker counted', async () => {
    const scraped = await scrape(`http://127.0.0.1:${port}/metrics`);
    expect(scraped.value('fitgate_logins_total', { tenant: 'acme', outcome: 'success', reason: 'new_user' })).toBe(2);
    expect(scraped.value('fitgate_vault_refreshes_total', { result: 'success' })).toBe(2);
    // Node's process metrics come from the workers too (the primary serves none of its own).
    expect(scraped.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // No worker watches a store here, so no store gauge claims the store is down.
    expect(scraped.series.some((series) => series.name === 'fitgate_store_up')).toBe(false);
  });
});

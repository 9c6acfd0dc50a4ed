import { afterAll, beforeAll } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { startCluster, type ClusterFixture } from '../cluster/cluster_fixture.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { scrape, type Scrape } from './scrape.js';

export interface MeteredCluster {
  readonly cluster: ClusterFixture;
  /** When the primary was spawned, in seconds since the epoch (its start time is after it). */
  readonly spawnedAt: number;
  /** GET /metrics from the primary; rejects unless it answers 200. */
  scrape(): Promise<Scrape>;
}

/**
 * `node dist/src/server.js` with FITGATE_WORKERS=2 and FITGATE_METRICS_PORT on the embedded store,
 * started before the file's tests and stopped after them; call the result inside a test.
 */
export function useMeteredCluster(): () => MeteredCluster {
  let metered: MeteredCluster | undefined;
  beforeAll(async () => {
    const metricsPort = await freePort();
    const spawnedAt = Math.floor(Date.now() / 1000);
    const cluster = await startCluster('sqlite', { FITGATE_METRICS_PORT: String(metricsPort) });
    metered = { cluster, spawnedAt, scrape: () => scrape(`http://127.0.0.1:${metricsPort}/metrics`) };
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(() => metered?.cluster.close(), SERVER_TEST_TIMEOUT_MS);
  return () => {
    if (!metered) throw new Error('the cluster did not start');
    return metered;
  };
}

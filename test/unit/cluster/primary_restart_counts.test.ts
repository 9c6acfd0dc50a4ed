import { afterEach, describe, expect, it } from '@jest/globals';
import type { RunningCluster } from '../../../src/cluster/primary.js';
import { STORE_UNAVAILABLE_EXIT_CODE } from '../../../src/cluster/messages.js';
import { startStubCluster, untilListening } from './stub_cluster.js';

// The primary counts the workers it replaced, by why each stopped, and the workers it runs by
// state: fitgate_worker_restarts_total and fitgate_workers come from here.

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

const NONE = { signal: 0, unresponsive: 0, store_unavailable: 0, crash: 0, clean_exit: 0 };

describe('the restarts the primary counts', () => {
  let running: Stubs | undefined;
  afterEach(async () => {
    await running?.stop('SIGTERM');
  });

  async function serving(): Promise<Stubs> {
    running = await startStubCluster('serving');
    await running.started;
    return running;
  }

  async function replaced(cluster: RunningCluster, kill: () => void): Promise<void> {
    const replacement = untilListening();
    kill();
    await replacement;
    expect(cluster.status()).toMatchObject({ serving: 2, starting: 0 });
  }

  it('start at 0 for every reason, with every worker serving', async () => {
    const cluster = await serving();
    expect(cluster.status()).toEqual({ serving: 2, starting: 0, restarts: NONE });
  });

  it('count a worker killed by a signal, a crash, a store that was unavailable and an exit 0 apart', async () => {
    const cluster = await serving();
    await replaced(cluster, () => cluster.workers()[0]!.process.kill('SIGKILL'));
    await replaced(cluster, () => cluster.workers()[0]!.send({ stub: 'exit', code: 1 }));
    await replaced(cluster, () => cluster.workers()[0]!.send({ stub: 'exit', code: STORE_UNAVAILABLE_EXIT_CODE }));
    await replaced(cluster, () => cluster.workers()[0]!.send({ stub: 'exit', code: 0 }));
    expect(cluster.status().restarts).toEqual({ signal: 1, unresponsive: 0, crash: 1, store_unavailable: 1, clean_exit: 1 });
  });

  it('count no worker stopped by a stop signal', async () => {
    const cluster = await serving();
    await cluster.stop('SIGTERM');
    expect(cluster.status()).toEqual({ serving: 0, starting: 0, restarts: NONE });
  });
});

describe('the workers the primary runs', () => {
  it('count those not listening yet as starting', async () => {
    const running = await startStubCluster('starting');
    try {
      expect(running.status()).toEqual({ serving: 0, starting: 2, restarts: NONE });
    } finally {
      await running.stop('SIGTERM');
    }
  });
});

import cluster, { type Worker } from 'node:cluster';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startStubCluster, untilListening } from './stub_cluster.js';

// FITGATE_SHUTDOWN_DELAY_MS with workers: the primary received SIGTERM and waits before it stops
// them; meanwhile every worker must answer its probes "stopping", a replacement that starts
// listening during the delay included.

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

/** Resolves with the workers that were told the instance is stopping, once `count` of them were. */
function untilToldStopping(count: number): Promise<Worker[]> {
  return new Promise((resolve) => {
    const told: Worker[] = [];
    const onMessage = (worker: Worker, message: unknown) => {
      if ((message as { stub?: string } | null)?.stub !== 'told-stopping') return;
      told.push(worker);
      if (told.length < count) return;
      cluster.off('message', onMessage);
      resolve(told);
    };
    cluster.on('message', onMessage);
  });
}

describe('the primary announcing that the instance is stopping', () => {
  let running: Stubs | undefined;
  afterEach(() => running?.stop('SIGTERM'));

  it('tells every serving worker, and keeps them running', async () => {
    running = await startStubCluster('serving');
    await running.started;
    const told = untilToldStopping(2);
    running.announceStopping();
    running.announceStopping();
    const workers = await told;
    expect(workers.map((worker) => worker.id).sort()).toEqual(running.workers().map((worker) => worker.id).sort());
    expect(running.status().serving).toBe(2);
  });

  it('tells a replacement as soon as it listens', async () => {
    running = await startStubCluster('serving');
    await running.started;
    const first = untilToldStopping(2);
    running.announceStopping();
    await first;

    const [dying] = running.workers();
    const replacementListens = untilListening();
    const replacementTold = untilToldStopping(1);
    dying!.send({ stub: 'exit', code: 1 });
    const replacement = await replacementListens;
    expect((await replacementTold).map((worker) => worker.id)).toEqual([replacement.id]);
  });
});

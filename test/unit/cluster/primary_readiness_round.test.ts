import cluster from 'node:cluster';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startStubCluster } from './stub_cluster.js';

// Each worker's /health/ready asks the primary how many workers are ready, and the primary pings
// every worker: probes on N workers at once would be N x N pings. Questions that arrive while a
// round runs share it (the stub workers answer a ping a second late, so the two questions overlap).

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

describe('the primary counting ready workers', () => {
  let running: Stubs | undefined;
  afterEach(() => running?.stop('SIGTERM'));

  it('pings each worker once for questions that arrive together, and answers each of them', async () => {
    running = await startStubCluster('serving');
    await running.started;
    let pings = 0;
    const answers: unknown[] = [];
    const answered = new Promise<void>((resolve) => {
      const onMessage = (_worker: unknown, message: { stub?: string; body?: unknown } | null) => {
        if (message?.stub === 'pinged') pings += 1;
        if (message?.stub !== 'ready') return;
        answers.push(message.body);
        if (answers.length < 2) return;
        cluster.off('message', onMessage);
        resolve();
      };
      cluster.on('message', onMessage);
    });
    for (const worker of running.workers()) worker.send({ stub: 'ask-ready' });
    await answered;
    expect(answers).toEqual([{ expected: 2, ready: 2 }, { expected: 2, ready: 2 }]);
    expect(pings).toBe(2);
  });
});

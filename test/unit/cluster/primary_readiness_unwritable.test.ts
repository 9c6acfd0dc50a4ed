import cluster from 'node:cluster';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startStubCluster } from './stub_cluster.js';

// A full disk is noticed by the worker whose write failed (disk_failures.ts); the others, quiet,
// know nothing of it. The primary's readiness round carries what each worker says about its files,
// so the quiet worker's /health/ready says it too.

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

const FULL = 'full: the disk holding FITGATE_DATA_DIR (/data) is full, so fitgate.db cannot be written';

describe('the primary counting ready workers while one of them could not write', () => {
  let running: Stubs | undefined;
  afterEach(() => running?.stop('SIGTERM'));

  it("answers the other worker's question with the failing worker's words", async () => {
    running = await startStubCluster('serving');
    await running.started;
    const [failing, quiet] = running.workers();
    if (!failing || !quiet) throw new Error('the stub cluster runs two workers');
    failing.send({ stub: 'unwritable', words: FULL });
    const answer = new Promise<unknown>((resolve) => {
      const onMessage = (worker: unknown, message: { stub?: string; body?: unknown } | null) => {
        if (worker !== quiet || message?.stub !== 'ready') return;
        cluster.off('message', onMessage);
        resolve(message.body);
      };
      cluster.on('message', onMessage);
    });
    quiet.send({ stub: 'ask-ready' });
    expect(await answer).toEqual({ expected: 2, ready: 2, unwritable: FULL });
  });
});

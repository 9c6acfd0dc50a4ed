import { afterEach, describe, expect, it } from '@jest/globals';
import { startStubCluster } from './stub_cluster.js';

// With workers the operator's /health/ready is on the primary's metrics listener, and the primary
// has no store to check: it serves one worker's whole answer (its words, the workers, the store's
// settings, the master keys), asking every listening worker at once, each with a bound.

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

describe("the primary's readiness for the operator", () => {
  let running: Stubs | undefined;
  let stopped: number | undefined;
  afterEach(async () => {
    if (stopped !== undefined) process.kill(stopped, 'SIGCONT');
    stopped = undefined;
    await running?.stop('SIGTERM');
  });

  it("is a serving worker's whole answer", async () => {
    running = await startStubCluster('serving');
    await running.started;
    const pids = running.workers().map((worker) => worker.process.pid);
    const answer = await running.readiness();
    expect(answer).toEqual({ ready: true, body: { status: 'ok', store: 'ok', pid: expect.any(Number) } });
    expect(pids).toContain(answer.body.pid);
  });

  it('is what a worker says when its store is out', async () => {
    running = await startStubCluster('serving', 1);
    await running.started;
    running.workers()[0]!.send({ stub: 'store', up: false });
    // The stub takes the message before the question: both go down the one IPC channel, in order.
    expect(await running.readiness()).toEqual({ ready: false, body: { status: 'unavailable', store: 'not answering', pid: expect.any(Number) } });
  });

  it('comes from another worker, within the bound, when one does not answer', async () => {
    running = await startStubCluster('serving');
    await running.started;
    const [wedged, healthy] = running.workers();
    stopped = wedged!.process.pid!;
    process.kill(stopped, 'SIGSTOP');
    const began = Date.now();
    const answer = await running.readiness();
    // Not after the wedged one's bound (2.5 s): the first answer is taken.
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(answer).toEqual({ ready: true, body: expect.objectContaining({ pid: healthy!.process.pid }) });
  });

  it('is not ready, with no worker ready, when no worker listens to ask', async () => {
    running = await startStubCluster('starting');
    expect(await running.readiness()).toEqual({ ready: false, body: { status: 'unavailable', workers: { expected: 2, ready: 0 } } });
  });

  it('is "stopping" once the instance is, without asking a worker', async () => {
    running = await startStubCluster('serving');
    await running.started;
    running.announceStopping();
    expect(await running.readiness()).toEqual({ ready: false, body: { status: 'stopping' } });
  });
});

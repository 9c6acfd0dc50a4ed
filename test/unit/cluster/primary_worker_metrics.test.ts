import { afterEach, describe, expect, it } from '@jest/globals';
import { startStubCluster } from './stub_cluster.js';

// The primary asks each worker for its figures on its own, with a bound: a worker that does not
// answer (here, stopped with SIGSTOP, as wedged as a process gets) costs its own figures only, and a
// worker still starting is not asked at all.

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

describe("the primary collecting its workers' figures", () => {
  let running: Stubs | undefined;
  let stopped: number | undefined;
  afterEach(async () => {
    if (stopped !== undefined) process.kill(stopped, 'SIGCONT');
    stopped = undefined;
    await running?.stop('SIGTERM');
  });

  it("gets every serving worker's answer", async () => {
    running = await startStubCluster('serving');
    await running.started;
    const answers = await running.collectMetrics(2_000);
    const pids = running.workers().map((worker) => worker.process.pid);
    expect(answers.map((answer) => (answer.metrics as Array<{ values: Array<{ value: number }> }>)[0]?.values[0]?.value).sort()).toEqual(pids.sort());
  });

  it('answers within its bound without a worker that does not answer, and with the others', async () => {
    running = await startStubCluster('serving');
    await running.started;
    const [wedged, healthy] = running.workers();
    stopped = wedged!.process.pid!;
    process.kill(stopped, 'SIGSTOP');

    const began = Date.now();
    const answers = await running.collectMetrics(500);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(answers).toHaveLength(2);
    expect(answers.find((answer) => answer.id === wedged!.id)).toEqual({ id: wedged!.id, metrics: undefined });
    expect(answers.find((answer) => answer.id === healthy!.id)?.metrics).toEqual([expect.objectContaining({ name: 'stub_pid' })]);
  });

  it('does not wait for workers still starting: it does not ask them', async () => {
    running = await startStubCluster('starting');
    const began = Date.now();
    const answers = await running.collectMetrics(5_000);
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(answers.map((answer) => answer.metrics)).toEqual([undefined, undefined]);
  });
});

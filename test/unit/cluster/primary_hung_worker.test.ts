import type { Worker } from 'node:cluster';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { LogLine } from '../../support/log_capture.js';
import { startStubCluster, untilListening } from './stub_cluster.js';

// A serving worker that stops answering (here stopped with SIGSTOP, as hung as a process gets) is
// found by the primary's heartbeats, killed and replaced; one that is only slow, or one that hangs
// while the instance stops, is left alone. Bounds shorter than the defaults (hang_watch.ts), so the
// test takes seconds.

const HANGS = { intervalMs: 100, silenceBoundMs: 1_000 };

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

function exitSignal(worker: Worker): Promise<string | null> {
  return new Promise((resolve) => worker.once('exit', (_code, signal) => resolve(signal)));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the primary watching for hung workers', () => {
  let running: Stubs | undefined;
  const stopped: number[] = [];
  afterEach(async () => {
    for (const pid of stopped.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGCONT');
    await running?.stop('SIGTERM');
  });

  async function serving(): Promise<Stubs> {
    running = await startStubCluster('serving', 2, 10_000, { hangWatch: HANGS });
    await running.started;
    return running;
  }

  it('kills a worker that stops answering, says so once with its id, pid and silence, and replaces it', async () => {
    const cluster = await serving();
    const [hung, healthy] = cluster.workers();
    const pid = hung!.process.pid!;
    const killed = exitSignal(hung!);
    const replacement = untilListening();
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);

    expect(await killed).toBe('SIGKILL');
    await replacement;
    expect(cluster.workers().map((worker) => worker.id)).toContain(healthy!.id);
    expect(cluster.status()).toMatchObject({ serving: 2, restarts: { signal: 0, unresponsive: 1 } });

    const lines = cluster.logLines().map((line) => JSON.parse(line) as LogLine);
    const found = lines.filter((line) => line.msg.includes('has not answered'));
    expect(found).toEqual([expect.objectContaining({ level: 50, workerId: hung!.id, workerPid: pid, pid: process.pid })]);
    expect(found[0]?.msg).toMatch(new RegExp(`^worker ${pid} has not answered for \\d+ s .*; killing it with SIGKILL$`));
    expect(found[0]?.silentMs).toEqual(expect.any(Number));
    expect(found[0]?.silentMs as number).toBeGreaterThanOrEqual(HANGS.silenceBoundMs);
    expect(lines).toContainEqual(
      expect.objectContaining({ workerPid: pid, signal: 'SIGKILL', msg: 'worker was killed by SIGKILL after it stopped answering; starting a new one' }),
    );
    // The primary's own pid is the logger's; the worker's has a name of its own, not a second `pid`.
    for (const line of cluster.logLines()) expect(line.match(/"pid":/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('keeps a worker that answers late, within the bound', async () => {
    const cluster = await serving();
    const [slow] = cluster.workers();
    const pid = slow!.process.pid!;
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);
    await delay(HANGS.silenceBoundMs / 2);
    process.kill(pid, 'SIGCONT');
    // Long enough for a kill that was coming: twice the bound.
    await delay(2 * HANGS.silenceBoundMs);
    expect(isRunning(pid)).toBe(true);
    expect(cluster.status().restarts.signal).toBe(0);
    expect(cluster.logLines().filter((line) => line.includes('has not answered'))).toEqual([]);
  });

  it('leaves a worker that hangs while the instance is stopping to the stop', async () => {
    const cluster = await serving();
    cluster.announceStopping();
    const [hung] = cluster.workers();
    const pid = hung!.process.pid!;
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);
    await delay(3 * HANGS.silenceBoundMs);
    expect(isRunning(pid)).toBe(true);
    expect(cluster.logLines().filter((line) => line.includes('has not answered'))).toEqual([]);
  });
});

import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { SharedSecrets } from '../../../src/config/index.js';
import { startPrimary, type PrimaryOptions, type RunningCluster } from '../../../src/cluster/primary.js';
import { RestartPolicy } from '../../../src/cluster/restart_policy.js';
import { captureLogLines } from '../../support/log_capture.js';

const STUB = fileURLToPath(new URL('./fixtures/stub_worker.mjs', import.meta.url));

export type StubMode = 'starting' | 'failing-stop' | 'killed-stop' | 'serving';

/**
 * A real node:cluster primary (startPrimary) over stub workers (fixtures/stub_worker.mjs): this test
 * process is the primary. Resolves once every worker has said it is ready (its handlers in place).
 */
export async function startStubCluster(
  mode: StubMode,
  workers = 2,
  stopBoundMs = 10_000,
  options: Pick<PrimaryOptions, 'restartPolicy' | 'hangWatch'> = {},
): Promise<RunningCluster & { workers(): Worker[]; logLines(): readonly string[] }> {
  cluster.setupPrimary({ exec: STUB, args: [mode], silent: true });
  const ready = untilReady(workers);
  const log = captureLogLines();
  const running = startPrimary({
    workers,
    logger: pino({ level: 'info' }, log.destination),
    stopBoundMs,
    // No restart waits: each test sees its replacement at once.
    restartPolicy: new RestartPolicy({ firstDelayMs: 0 }),
    secrets: {} as SharedSecrets,
    ...options,
  });
  await ready;
  return Object.assign(running, {
    workers: () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined),
    logLines: () => log.lines,
  });
}

/** Resolves once `count` workers forked from now on said 'stub:ready'. */
export function untilReady(count: number): Promise<Worker[]> {
  return new Promise((resolve) => {
    const seen: Worker[] = [];
    const onMessage = (worker: Worker, message: unknown) => {
      if (message !== 'stub:ready') return;
      seen.push(worker);
      if (seen.length < count) return;
      cluster.off('message', onMessage);
      resolve(seen);
    };
    cluster.on('message', onMessage);
  });
}

/** Resolves once some worker (a replacement) listens. */
export function untilListening(): Promise<Worker> {
  return new Promise((resolve) => cluster.once('listening', (worker) => resolve(worker)));
}

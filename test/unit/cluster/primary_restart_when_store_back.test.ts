import cluster from 'node:cluster';
import { afterEach, describe, expect, it } from '@jest/globals';
import { STORE_UNAVAILABLE_EXIT_CODE } from '../../../src/cluster/messages.js';
import { RestartPolicy, type RestartDecision } from '../../../src/cluster/restart_policy.js';
import { startStubCluster, untilListening } from './stub_cluster.js';

// A worker that could not start because its store was unavailable waits a pause before its next
// try, up to 30 s. The primary asks the workers still serving about their store meanwhile, and
// starts the waiting one as soon as the store, seen unavailable, answers them again: the instance
// is whole within about a second of its store, not at the end of the pause.

/** Longer than any test: a replacement that comes is an early one. */
const PAUSE_MS = 120_000;
/** A check each second, a stub answering a ping a second late, and a stub's start. */
const EARLY_BOUND_MS = 10_000;

/** Every restart waits PAUSE_MS. */
class LongPauses extends RestartPolicy {
  override afterExit(): RestartDecision {
    return { restart: true, delayMs: PAUSE_MS, attempt: 2 };
  }
}

type Stubs = Awaited<ReturnType<typeof startStubCluster>>;

/** Resolves once a worker answered `count` pings with its store `up` (or not), from now on. */
function untilPinged(up: boolean, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onMessage = (_worker: unknown, message: { stub?: string; up?: boolean } | null) => {
      if (message?.stub !== 'pinged' || message.up !== up) return;
      seen += 1;
      if (seen < count) return;
      cluster.off('message', onMessage);
      resolve();
    };
    cluster.on('message', onMessage);
  });
}

function within<T>(promise: Promise<T>, boundMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not ${what} within ${boundMs} ms`)), boundMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('a worker waiting for its store', () => {
  let running: Stubs | undefined;
  afterEach(() => running?.stop('SIGTERM'));

  async function serving(): Promise<Stubs> {
    running = await startStubCluster('serving', 2, 10_000, { restartPolicy: new LongPauses() });
    await running.started;
    return running;
  }

  it('starts as soon as the serving workers reach the store again, before its pause ends', async () => {
    const stubs = await serving();
    const [survivor, dying] = stubs.workers();
    survivor!.send({ stub: 'store', up: false });
    const seenDown = untilPinged(false, 1);
    dying!.send({ stub: 'exit', code: STORE_UNAVAILABLE_EXIT_CODE });
    await within(seenDown, EARLY_BOUND_MS, 'asked about the store');
    expect(stubs.status()).toMatchObject({ serving: 1, starting: 0 });

    const replacement = untilListening();
    survivor!.send({ stub: 'store', up: true });
    await within(replacement, EARLY_BOUND_MS, 'replaced');
    expect(stubs.status()).toMatchObject({ serving: 2, starting: 0 });
    expect(stubs.logLines().map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain(
      'the store answers again; starting the worker that waited for it now',
    );
  });

  it('waits its pause when the serving workers reached the store all along', async () => {
    const stubs = await serving();
    const [, dying] = stubs.workers();
    const checked = untilPinged(true, 3);
    dying!.send({ stub: 'exit', code: STORE_UNAVAILABLE_EXIT_CODE });
    await within(checked, EARLY_BOUND_MS, 'asked about the store three times');
    expect(stubs.status()).toMatchObject({ serving: 1, starting: 0 });
  });
});

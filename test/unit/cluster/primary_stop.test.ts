import { describe, expect, it } from '@jest/globals';
import { startStubCluster } from './stub_cluster.js';

// A stop signal may come at any time, even while the workers are still starting and have no signal
// handler yet: they die of the signal the primary passed on, which is the stop that was asked for,
// and the primary exits 0 (a supervisor, systemd say, must not mark a deliberate stop as failed).

describe('the primary stopping its workers', () => {
  it('resolves 0 when workers without a handler yet die of the signal it passed on', async () => {
    const running = await startStubCluster('starting');
    expect(await running.stop('SIGTERM')).toBe(0);
  });

  it('resolves 0 for SIGINT passed on alike', async () => {
    const running = await startStubCluster('starting');
    expect(await running.stop('SIGINT')).toBe(0);
  });

  it('resolves 1 when a worker fails its stop', async () => {
    const running = await startStubCluster('failing-stop');
    expect(await running.stop('SIGTERM')).toBe(1);
  });

  it('resolves 1 when a worker dies of another signal than the one passed on', async () => {
    const running = await startStubCluster('killed-stop');
    expect(await running.stop('SIGTERM')).toBe(1);
  });
});

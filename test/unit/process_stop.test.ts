import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/logging/index.js';
import { ProcessStop } from '../../src/process_stop.js';
import { captureLogLines } from '../support/log_capture.js';

function processStop(crashStopBoundMs = 5_000) {
  const log = captureLogLines();
  const said: string[] = [];
  let exited: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (exited = resolve));
  const stop = new ProcessStop({
    logger: createLogger({ level: 'info', destination: log.destination }),
    output: { stopping: (signal) => said.push(`stopping ${signal}`), stopped: (code) => said.push(`stopped ${code}`) },
    crashStopBoundMs,
    exit: (code) => exited(code),
  });
  const lines = () => log.lines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string }; origin?: string });
  return { stop, said, exitCode, lines };
}

/** Signals, the primary gone, giving up and crashes share one graceful stop; giving up and a crash always exit 1 (process_stop.ts). */
describe('the process stop', () => {
  it('on a signal: runs the stop once, says so, and exits with its code', async () => {
    const { stop, said, exitCode } = processStop();
    let stops = 0;
    stop.serving(async () => {
      stops += 1;
      return 0;
    });
    stop.request('SIGTERM');
    stop.request('SIGINT');
    expect(await exitCode).toBe(0);
    expect(stops).toBe(1);
    expect(said).toEqual(['stopping SIGTERM', 'stopped 0']);
  });

  it('on a crash: one fatal line with the error, the graceful stop, then exit code 1', async () => {
    const { stop, said, exitCode, lines } = processStop();
    let stopped = false;
    stop.serving(async () => {
      stopped = true;
      return 0;
    });
    stop.crash(new Error('something nobody caught'), 'uncaughtException');
    expect(await exitCode).toBe(1);
    expect(stopped).toBe(true);
    expect(lines()).toEqual([
      expect.objectContaining({ level: 60, origin: 'uncaughtException', err: expect.objectContaining({ message: 'something nobody caught' }) }),
    ]);
    expect(said).toEqual(['stopped 1']);
  });

  it('on a crash: exits 1 after its bound when the graceful stop hangs', async () => {
    const { stop, exitCode } = processStop(50);
    stop.serving(() => new Promise<number>(() => undefined));
    const crashedAt = Date.now();
    stop.crash(new Error('wedged'), 'unhandledRejection');
    expect(await exitCode).toBe(1);
    expect(Date.now() - crashedAt).toBeLessThan(5_000);
  });

  it.each([
    ['a crash', (stop: ProcessStop) => stop.crash(new Error('during the stop'), 'uncaughtException')],
    ['giving up', (stop: ProcessStop) => stop.fail()],
  ])('on %s during a signal stop: waits for that same stop, and exits 1, not its code', async (_what, interrupt) => {
    const { stop, exitCode, said } = processStop();
    let finishStop: (code: number) => void = () => undefined;
    let stops = 0;
    stop.serving(() => {
      stops += 1;
      return new Promise<number>((resolve) => (finishStop = resolve));
    });
    stop.request('SIGTERM');
    interrupt(stop);
    finishStop(0);
    expect(await exitCode).toBe(1);
    expect(stops).toBe(1);
    expect(said).toEqual(['stopping SIGTERM', 'stopped 1']);
  });

  it('on giving up: runs the stop once, says no signal, says it stopped, and exits 1 whatever the stop answers', async () => {
    const { stop, said, exitCode } = processStop();
    let stops = 0;
    stop.serving(async () => {
      stops += 1;
      return 0;
    });
    stop.fail();
    stop.request('SIGTERM');
    expect(await exitCode).toBe(1);
    expect(stops).toBe(1);
    expect(said).toEqual(['stopped 1']);
  });


  it('on a crash before serving: exits 1 at once, there being nothing to stop', async () => {
    const { stop, exitCode } = processStop();
    stop.crash(new Error('during the start'), 'uncaughtException');
    expect(await exitCode).toBe(1);
  });
});

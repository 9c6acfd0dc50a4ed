import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import pino from 'pino';
import { LogoutSendQueue } from '../../../../src/authn/login/backchannel_logout_queue.js';
import { captureLogLines, WARN, type LogLine } from '../../../support/log_capture.js';

const LIMITS = { concurrent: 1, queued: 2, dropReportMs: 60_000 };

/**
 * Past its limit of waiting sends the queue drops a send at once, unsent, and says so in the log:
 * one line when drops start, then at most one per report interval with how many were dropped, by
 * tenant, so a flood of drops never floods the log.
 */
describe('the back-channel logout send queue when full', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  function fullQueue() {
    const log = captureLogLines();
    const queue = new LogoutSendQueue(pino({ level: 'warn' }, log.destination), LIMITS);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // One running and two waiting: full.
    const kept = [0, 1, 2].map(() => queue.run('acme', () => held));
    const warnings = () => log.lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level === WARN);
    return { queue, kept, release, warnings };
  }

  it('drops a send when `queued` already wait, without running it', async () => {
    const { queue, kept, release } = fullQueue();
    let ran = false;
    expect(
      await queue.run('acme', async () => {
        ran = true;
      }),
    ).toBe('dropped');
    expect(ran).toBe(false);
    expect(queue.queued).toBe(LIMITS.queued);
    release();
    await jest.runAllTimersAsync();
    expect(await Promise.all(kept)).toEqual(['ran', 'ran', 'ran']);
  });

  it('logs the first drop at once and the rest once per interval, counted by tenant', async () => {
    const { queue, release, warnings } = fullQueue();
    await queue.run('acme', async () => undefined);
    expect(warnings()).toEqual([expect.objectContaining({ dropped: 1, by_tenant: { acme: 1 }, msg: expect.stringMatching(/^back-channel logout: .*dropped/) })]);

    for (let n = 0; n < 500; n += 1) await queue.run(n % 5 === 0 ? 'globex' : 'acme', async () => undefined);
    expect(warnings()).toHaveLength(1);

    jest.advanceTimersByTime(LIMITS.dropReportMs);
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]).toMatchObject({ dropped: 500, by_tenant: { acme: 400, globex: 100 } });

    // A quiet interval logs nothing, and the next drop after it is told at once again.
    jest.advanceTimersByTime(LIMITS.dropReportMs);
    expect(warnings()).toHaveLength(2);
    jest.advanceTimersByTime(LIMITS.dropReportMs);
    await queue.run('acme', async () => undefined);
    expect(warnings()).toHaveLength(3);
    expect(warnings()[2]).toMatchObject({ dropped: 1 });
    release();
  });
});

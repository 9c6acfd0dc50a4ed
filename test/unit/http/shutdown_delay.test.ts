import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import pino from 'pino';
import { ShutdownDelay } from '../../../src/http/shutdown_delay.js';

/** The delay between SIGTERM and the graceful stop, on jest's clock; signals are handed in, not sent. */
function delayOf(delayMs: number) {
  const stops: NodeJS.Signals[] = [];
  const delay = new ShutdownDelay({ delayMs, logger: pino({ level: 'silent' }), stop: (signal) => stops.push(signal) });
  return { delay, stops };
}

describe('FITGATE_SHUTDOWN_DELAY_MS between SIGTERM and the graceful stop', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('serves on, reporting stopping, for the delay after SIGTERM, then stops', () => {
    const { delay, stops } = delayOf(5000);
    expect(delay.stopping).toBe(false);
    delay.receive('SIGTERM');
    expect(delay.stopping).toBe(true);
    jest.advanceTimersByTime(4999);
    expect(stops).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(stops).toEqual(['SIGTERM']);
  });

  it('stops at once on a second signal during the delay, and only once', () => {
    const { delay, stops } = delayOf(60_000);
    delay.receive('SIGTERM');
    jest.advanceTimersByTime(1000);
    delay.receive('SIGTERM');
    expect(stops).toEqual(['SIGTERM']);
    jest.advanceTimersByTime(60_000);
    expect(stops).toEqual(['SIGTERM']);
  });

  it('does not delay SIGINT (a person at a terminal), nor anything when it is 0', () => {
    const interrupted = delayOf(5000);
    interrupted.delay.receive('SIGINT');
    expect(interrupted.stops).toEqual(['SIGINT']);
    expect(interrupted.delay.stopping).toBe(true);

    const immediate = delayOf(0);
    immediate.delay.receive('SIGTERM');
    expect(immediate.stops).toEqual(['SIGTERM']);
  });

  it('tells whoever listens that the stop began, once, even a listener that comes later', () => {
    const { delay } = delayOf(5000);
    const told: string[] = [];
    delay.onStopping(() => told.push('before'));
    delay.receive('SIGTERM');
    delay.receive('SIGTERM');
    delay.onStopping(() => told.push('after'));
    expect(told).toEqual(['before', 'after']);
  });
});

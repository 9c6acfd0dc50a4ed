import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createLogger } from '../../src/logging/index.js';
import { startOutput } from '../../src/start_output.js';
import { captureLogLines } from '../support/log_capture.js';

const REASON = 'workers keep stopping (the last one was killed by SIGKILL); giving up';

function output(terminal: boolean) {
  const log = captureLogLines();
  const logger = createLogger({ level: 'warn', destination: log.destination });
  const config = { env: 'development', host: undefined, tls: undefined, redis: undefined, dataDir: './data' } as const;
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { out: startOutput(config, logger, { terminal }), lines: log.lines, stderr };
}

/**
 * The primary giving up on workers that keep stopping ends the instance with exit code 1: a log
 * pipeline that keeps only errors and worse must see it, and a person at a terminal still reads it.
 */
describe('the start output when fitgate gives up', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('outside a terminal, is one fatal JSON line with the reason, and nothing on stderr', () => {
    const { out, lines, stderr } = output(false);
    out.gaveUp(REASON);
    out.stopped(1);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 60, reason: REASON, msg: `fitgate: ${REASON}; stopping, then exiting with code 1` }),
      expect.objectContaining({ level: 30, exitCode: 1, msg: 'fitgate stopped' }),
    ]);
    expect(stderr).not.toHaveBeenCalled();
  });

  it('on a terminal, is the plain line on stderr', () => {
    const { out, lines, stderr } = output(true);
    out.gaveUp(REASON);
    expect(stderr.mock.calls).toEqual([[`fitgate: ${REASON}\n`]]);
    expect(lines).toEqual([]);
  });
});

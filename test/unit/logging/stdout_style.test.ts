import { describe, expect, it } from '@jest/globals';
import { createLogger, stdoutStyle } from '../../../src/logging/index.js';
import { startOutput } from '../../../src/start_output.js';
import { captureLogLines } from '../../support/log_capture.js';

/**
 * What stdout carries: short lines for a person at a terminal outside production, JSON lines
 * anywhere else (as before LOG_FORMAT existed), or what LOG_FORMAT says; the plain start banner only
 * where a person reads the lines around it, so the first admin's password never lands in a file or
 * a log store.
 */
describe('the stdout style', () => {
  const unset = { logFormat: undefined, env: 'development' } as const;

  it('is pretty on a terminal and JSON elsewhere when LOG_FORMAT is unset', () => {
    expect(stdoutStyle(unset, true)).toEqual({ logFormat: 'pretty', plainStartLines: true });
    expect(stdoutStyle(unset, false)).toEqual({ logFormat: 'json', plainStartLines: false });
  });

  it('is JSON in production even on a terminal (a container run with one still ships its stdout)', () => {
    expect(stdoutStyle({ ...unset, env: 'production' }, true)).toEqual({ logFormat: 'json', plainStartLines: false });
    expect(stdoutStyle({ logFormat: 'pretty', env: 'production' }, true)).toEqual({ logFormat: 'pretty', plainStartLines: true });
  });

  it('follows LOG_FORMAT, with the plain banner only for pretty lines on a terminal', () => {
    expect(stdoutStyle({ ...unset, logFormat: 'json' }, true)).toEqual({ logFormat: 'json', plainStartLines: false });
    expect(stdoutStyle({ ...unset, logFormat: 'json' }, false)).toEqual({ logFormat: 'json', plainStartLines: false });
    expect(stdoutStyle({ ...unset, logFormat: 'pretty' }, true)).toEqual({ logFormat: 'pretty', plainStartLines: true });
    expect(stdoutStyle({ ...unset, logFormat: 'pretty' }, false)).toEqual({ logFormat: 'pretty', plainStartLines: false });
  });
});

describe('the process logger by format', () => {
  it('writes JSON lines unless told otherwise', () => {
    const { lines, destination } = captureLogLines();
    createLogger({ level: 'info', destination }).info({ port: 3000 }, 'listening');
    expect(JSON.parse(lines[0]!)).toEqual(expect.objectContaining({ level: 30, port: 3000, msg: 'listening' }));
  });

  it('writes pretty lines from what pino redacted, with the plain start banner after them, unchanged', () => {
    const { lines, destination } = captureLogLines();
    const logger = createLogger({ level: 'info', destination, format: 'pretty' });
    const config = { env: 'development', host: undefined, tls: undefined, redis: undefined, dataDir: '/srv/fitgate' } as const;
    logger.warn({ password: 'hunter2-secret', variable: 'FITGATE_SANBOX' }, 'not a fitgate setting');
    startOutput(config, logger, { terminal: true }).listening({ port: 3000, dashboardUrl: 'http://localhost:3000/manage' });
    expect(lines).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d WARN {2}not a fitgate setting password=\[REDACTED\] variable=FITGATE_SANBOX$/),
      'fitgate is listening on port 3000 (embedded store in /srv/fitgate)',
      'Dashboard: http://localhost:3000/manage',
    ]);
    expect(lines.join('\n')).not.toContain('hunter2-secret');
  });
});

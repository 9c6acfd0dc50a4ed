import { describe, expect, it } from '@jest/globals';
import { prettyLine } from '../../../src/logging/pretty_line.js';

/** 2026-03-01 at 14:05:09 local time, whatever the machine's time zone: the line shows local time. */
const TIME = new Date(2026, 2, 1, 14, 5, 9).getTime();
const json = (record: Record<string, unknown>) => `${JSON.stringify({ time: TIME, service: 'fitgate', pid: 4242, hostname: 'box', ...record })}\n`;

describe('a pretty log line', () => {
  it('is local time, level and message, then the fields, without service, pid and hostname', () => {
    const line = prettyLine(json({ level: 30, created: ['tenant', 'admin'], msg: 'first start: bootstrap records created' }));
    expect(line).toBe('14:05:09 INFO  first start: bootstrap records created created=["tenant","admin"]\n');
  });

  it("names the cluster worker that wrote it after the level, so workers' lines on one terminal can be told apart", () => {
    expect(prettyLine(json({ level: 40, worker: 2, msg: 'Redis connection lost' }))).toBe('14:05:09 WARN  w2 Redis connection lost\n');
    const request = json({ level: 30, worker: 3, req: { method: 'GET', url: '/manage' }, res: { statusCode: 200 }, responseTime: 4, msg: 'request completed' });
    expect(prettyLine(request)).toBe('14:05:09 INFO  w3 GET /manage 200 4ms\n');
  });

  it('names no worker for a line of the primary or of a single process', () => {
    expect(prettyLine(json({ level: 40, msg: 'Redis connection lost' }))).toBe('14:05:09 WARN  Redis connection lost\n');
  });

  it('names each level in words', () => {
    const labels = [10, 20, 30, 40, 50, 60].map((level) => prettyLine(json({ level, msg: 'm' })).slice(9, 14));
    expect(labels).toEqual(['TRACE', 'DEBUG', 'INFO ', 'WARN ', 'ERROR', 'FATAL']);
  });

  it('reads a request as method, URL, status, redirect and time, without pino-http\'s message', () => {
    const line = prettyLine(
      json({ level: 30, req: { id: 'r-1', method: 'POST', url: '/manage/sign-in', host: 'localhost:3000' }, res: { statusCode: 303, location: '/manage' }, responseTime: 12, msg: 'request completed' }),
    );
    expect(line).toBe('14:05:09 INFO  POST /manage/sign-in 303 → /manage 12ms\n');
  });

  it('keeps the message and the request id of a failed request, and its stack below', () => {
    const err = { type: 'Error', message: 'store down', stack: 'Error: store down\n    at open (store.js:1:1)' };
    const line = prettyLine(json({ level: 50, req: { id: 'r-2', method: 'GET', url: '/authorize' }, res: { statusCode: 500 }, err, responseTime: 3, msg: 'request errored' }));
    expect(line).toBe('14:05:09 ERROR request errored GET /authorize 500 3ms requestId=r-2\n    Error: store down\n        at open (store.js:1:1)\n');
  });

  it('quotes a value that is not one plain word, as JSON', () => {
    expect(prettyLine(json({ level: 40, variable: 'FITGATE_SANBOX', hint: 'did you mean FITGATE_SANDBOX?', msg: 'm' }))).toBe(
      '14:05:09 WARN  m variable=FITGATE_SANBOX hint="did you mean FITGATE_SANDBOX?"\n',
    );
  });

  it('replaces control characters a visitor sent, so a value cannot start a line or move the cursor', () => {
    const line = prettyLine(json({ level: 30, req: { method: 'GET', url: '/x\u001b[2J\nFAKE' }, res: { statusCode: 404 }, msg: 'request completed' }));
    expect(line).toBe('14:05:09 INFO  GET /x\uFFFD[2J\uFFFDFAKE 404\n');
  });

  it("replaces in a field's value what JSON leaves raw: C1 controls, line separators, bidi overrides", () => {
    // An upstream's error_description reaches a field (upstream=...) as the upstream wrote it.
    const line = prettyLine(json({ level: 40, upstream: 'x\u009b2J\u2028y\u202eevil\u2066', msg: 'm' }));
    expect(line).toBe('14:05:09 WARN  m upstream="x\uFFFD2J\uFFFDy\uFFFDevil\uFFFD"\n');
  });

  it('leaves text that is not a JSON line as it is: the plain start banner', () => {
    expect(prettyLine('fitgate is listening on port 3000\nDashboard: http://localhost:3000/manage\n')).toBe(
      'fitgate is listening on port 3000\nDashboard: http://localhost:3000/manage\n',
    );
    expect(prettyLine('{not json\n')).toBe('{not json\n');
  });
});

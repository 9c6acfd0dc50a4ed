import { describe, expect, it } from '@jest/globals';
import { mayResend, type FailedSending } from '../../../src/connections/stale_socket_resend.js';

const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const brokenPipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

/** A GET that died with its reused connection before any answer: the race with a server closing an idle socket. */
const stale: FailedSending = { method: 'GET', reusedSocket: true, answered: false, flushed: true, error: reset };

/**
 * The one rule both keep-alive clients (the upstream port, the sandbox proxy) resend by: only a
 * request that died with a reused connection before any answer, and only when a second copy cannot
 * repeat what the first may have done on the server.
 */
describe('mayResend', () => {
  it.each([
    ['read ECONNRESET', reset],
    ['"socket hang up" (ECONNRESET)', hangUp],
    ['write EPIPE', brokenPipe],
  ])('resends a GET whose reused connection died before any answer: %s', (_name, error) => {
    expect(mayResend({ ...stale, error })).toBe(true);
  });

  it('resends a HEAD as a GET, and reads the method in any case', () => {
    expect(mayResend({ ...stale, method: 'HEAD' })).toBe(true);
    expect(mayResend({ ...stale, method: 'get' })).toBe(true);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('never resends a %s that wholly left: the server may have acted on it', (method) => {
    expect(mayResend({ ...stale, method, flushed: true })).toBe(false);
    expect(mayResend({ ...stale, method, flushed: true, error: hangUp })).toBe(false);
    expect(mayResend({ ...stale, method, flushed: true, error: brokenPipe })).toBe(false);
  });

  it('resends a POST that never wholly left: the server cannot have acted on part of a request', () => {
    expect(mayResend({ ...stale, method: 'POST', flushed: false })).toBe(true);
  });

  it('does not resend on a fresh connection: no idle socket was closed under it (nothing listens, say)', () => {
    expect(mayResend({ ...stale, reusedSocket: false })).toBe(false);
    expect(mayResend({ ...stale, method: 'POST', flushed: false, reusedSocket: false })).toBe(false);
  });

  it('does not resend once an answer began: the connection broke on the server’s answer, not on an idle close', () => {
    expect(mayResend({ ...stale, answered: true })).toBe(false);
  });

  it.each([
    ['a timeout (no code): the server may be working on it', new Error('no answer within 100 ms')],
    ['a parse error: the server answered, badly', Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a socket timeout', Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['a code that is no string', Object.assign(new Error('odd'), { code: 104 })],
    ['no error object at all', undefined],
  ])('does not resend on any other failure than a dead connection: %s', (_name, error) => {
    expect(mayResend({ ...stale, error })).toBe(false);
  });
});

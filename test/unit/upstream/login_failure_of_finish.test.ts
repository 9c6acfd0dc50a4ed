import { describe, expect, it } from '@jest/globals';
import type { UpstreamWording } from '../../../src/connections/plugin.js';
import { ServerError, TemporarilyUnavailableError } from '../../../src/errors/index.js';
import { loginFailureOfFinish } from '../../../src/upstream/login_failure.js';
import { acmeFailure } from '../../support/fake_plugin.js';

const wording: UpstreamWording = { name: 'Acme', gone: 'Acme is retired.', noRefreshToken: 'Acme sends none.' };

/**
 * A round trip that did not succeed, read once as the login's failure: the login's callback reads it
 * so, and a failed TRY is logged with the same reading (try_callback_routes.ts), so the two cannot
 * say different things of one cause.
 */
describe('loginFailureOfFinish', () => {
  it('reads a state the strategy refused as fitgate\'s invalid_request, told to no client', () => {
    const failure = loginFailureOfFinish({ kind: 'state_rejected' });
    expect(failure.source).toBe('fitgate');
    expect(failure.error.code).toBe('invalid_request');
    expect(failure.upstreamKind).toBeUndefined();
  });

  it('reads a plugin failure as the upstream\'s, with its kind, in the upstream\'s words', () => {
    const failure = loginFailureOfFinish({ kind: 'failed', failure: acmeFailure({ kind: 'access_denied', operation: 'authorize' }), upstream: { wording } });
    expect(failure).toMatchObject({ source: 'upstream', upstreamKind: 'access_denied' });
    expect(failure.error.code).toBe('access_denied');
  });

  it('keeps fitgate\'s own error, and reads anything else without an upstream as its server_error', () => {
    const own = new TemporarilyUnavailableError('store down');
    expect(loginFailureOfFinish({ kind: 'error', error: own })).toEqual({ error: own, source: 'fitgate' });
    const unexplained = loginFailureOfFinish({ kind: 'error', error: new Error('boom') });
    expect(unexplained.error).toBeInstanceOf(ServerError);
    expect(unexplained.source).toBe('fitgate');
  });

  it('reads a plugin failure thrown after the upstream was resolved as the upstream\'s', () => {
    const failure = loginFailureOfFinish({ kind: 'error', error: acmeFailure({ kind: 'unavailable', operation: 'token', status: 503 }), upstream: { wording } });
    expect(failure).toMatchObject({ source: 'upstream', upstreamKind: 'unavailable' });
  });
});

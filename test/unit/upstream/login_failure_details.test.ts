import { describe, expect, it } from '@jest/globals';
import type { UpstreamWording } from '../../../src/connections/plugin.js';
import { loginFailureDetails, loginFailureOfFinish } from '../../../src/upstream/login_failure.js';
import { acmeFailure } from '../../support/fake_plugin.js';

const wording: UpstreamWording = { name: 'Acme', gone: 'Acme is retired.', noRefreshToken: 'Acme sends none.' };

/**
 * The `details` of a failed login's event, written once: a login's (login_log.ts) and a failed TRY's
 * (try_log_event.ts, beside its try_failure) carry the same fields, so one log filter finds both.
 */
describe('loginFailureDetails', () => {
  it('writes the code, whose failure it was and the plugin\'s kind, under the names the log filters on', () => {
    const upstream = loginFailureOfFinish({ kind: 'failed', failure: acmeFailure({ kind: 'access_denied', operation: 'authorize' }), upstream: { wording } });
    expect(loginFailureDetails(upstream)).toEqual({ error: 'access_denied', source: 'upstream', upstream_kind: 'access_denied' });
  });

  it('leaves upstream_kind out of fitgate\'s own failure', () => {
    expect(loginFailureDetails(loginFailureOfFinish({ kind: 'state_rejected' }))).toEqual({ error: 'invalid_request', source: 'fitgate' });
  });
});

import { describe, expect, it } from '@jest/globals';
import { ClientClosedError } from 'redis';
import { LOGIN_CAUSES, loginCauseOf } from '../../../../../src/authn/login/callback/login_cause.js';
import type { PluginErrorKind, UpstreamWording } from '../../../../../src/connections/plugin.js';
import { PLUGIN_ERROR_KINDS } from '../../../../../src/domain/read_plugin_failure.js';
import { InvalidRequestError, RecordBusyError, StoreFullError, StoreUnavailableError, UserBlockedError } from '../../../../../src/errors/index.js';
import { loginFailureOf, loginFailureOfFinish } from '../../../../../src/upstream/login_failure.js';
import { acmeFailure } from '../../../../support/fake_plugin.js';

const wording: UpstreamWording = { name: 'Acme', gone: 'Acme is retired.', noRefreshToken: 'Acme sends none.' };

/** The cause of a login the upstream failed with `kind`, read as the callback reads it. */
const upstreamCause = (kind: PluginErrorKind) =>
  loginCauseOf(loginFailureOfFinish({ kind: 'failed', failure: acmeFailure({ kind, operation: 'token' }), upstream: { wording } }));

/**
 * fitgate_logins_total's `cause`: what one OAuth error joins, told apart, from a fixed set. The
 * user's own doing at the upstream, the upstream's failures by kind, and fitgate's own: a stale
 * link, a blocked user, its store, anything else.
 */
describe('a failed login’s cause', () => {
  it('names the person’s doing at the upstream apart from the upstream’s failures', () => {
    expect(upstreamCause('access_denied')).toBe('user_denied');
    expect(upstreamCause('insufficient_scope')).toBe('user_denied');
    expect(upstreamCause('account_unusable')).toBe('account_unusable');
    expect(upstreamCause('unavailable')).toBe('upstream_unavailable');
    expect(upstreamCause('rate_limited')).toBe('upstream_rate_limited');
    expect(upstreamCause('invalid_client')).toBe('upstream_invalid_client');
  });

  it('names fitgate’s own failures: a stale link, a blocked user, its store, and anything else', () => {
    expect(loginCauseOf(loginFailureOfFinish({ kind: 'state_rejected' }))).toBe('stale_login');
    expect(loginCauseOf(loginFailureOf(new UserBlockedError('user is blocked')))).toBe('user_blocked');
    expect(loginCauseOf(loginFailureOf(new StoreUnavailableError()))).toBe('store');
    expect(loginCauseOf(loginFailureOf(new StoreFullError()))).toBe('store');
    // A store driver's own error, as a repository throws it.
    expect(loginCauseOf(loginFailureOf(new ClientClosedError()))).toBe('store');
    expect(loginCauseOf(loginFailureOf(new RecordBusyError()))).toBe('fitgate');
    expect(loginCauseOf(loginFailureOf(new InvalidRequestError('The connection "fitbit" no longer exists.')))).toBe('fitgate');
    expect(loginCauseOf(loginFailureOf(new Error('a bug')))).toBe('fitgate');
  });

  it('is one of LOGIN_CAUSES for every kind a plugin may report, and they are all different', () => {
    for (const kind of PLUGIN_ERROR_KINDS) expect({ kind, listed: LOGIN_CAUSES.includes(upstreamCause(kind)) }).toEqual({ kind, listed: true });
    expect(new Set(LOGIN_CAUSES).size).toBe(LOGIN_CAUSES.length);
    expect(LOGIN_CAUSES).toEqual(expect.arrayContaining(['none', 'user_denied', 'account_unusable', 'user_blocked', 'stale_login', 'store', 'fitgate']));
  });
});

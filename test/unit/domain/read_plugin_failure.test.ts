import { describe, expect, it } from '@jest/globals';
import { UpstreamOAuthError, UpstreamRateLimitedError } from '../../../src/connections/fitbit/index.js';
import { readFailChallenge, readPluginFailure } from '../../../src/domain/read_plugin_failure.js';
import { acmeFailure } from '../../support/fake_plugin.js';

describe('reading a plugin\'s failure', () => {
  it('reads every field the plugin interface declares, and nothing else', () => {
    const error = Object.assign(new Error('Acme refused'), {
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds: 30,
      operation: 'refresh',
      upstreamCode: 'slow_down',
      upstreamMessage: 'Too many requests',
      accessToken: 'never read',
    });
    expect(readPluginFailure(error)).toEqual({
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds: 30,
      operation: 'refresh',
      upstreamCode: 'slow_down',
      upstreamMessage: 'Too many requests',
      message: 'Acme refused',
    });
  });

  it('reads a plain object with only the declared fields as well as a plugin\'s error class', () => {
    expect(readPluginFailure(acmeFailure({ kind: 'gone', status: 410 }))).toEqual({ kind: 'gone', status: 410 });
    const fitbit = new UpstreamRateLimitedError({ operation: 'refresh', status: 429, retryAfterSeconds: 12, upstreamCode: 'RESOURCE_EXHAUSTED' });
    expect(readPluginFailure(fitbit)).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 12, operation: 'refresh', upstreamCode: 'RESOURCE_EXHAUSTED' });
  });

  it('drops a field of another type than declared, so callers may print what they get', () => {
    expect(readPluginFailure({ kind: 'unavailable', status: '503', retryAfterSeconds: -1, operation: 7, upstreamCode: null, upstreamMessage: {}, message: '' })).toEqual({ kind: 'unavailable' });
    expect(readPluginFailure({ kind: 'rate_limited', retryAfterSeconds: Number.POSITIVE_INFINITY })).toEqual({ kind: 'rate_limited' });
  });

  it('reads no failure without a kind the plugin interface declares', () => {
    for (const error of [undefined, null, 'invalid_grant', new Error('plain'), { kind: 'teapot' }, { kind: 'api_changed' }, { kind: 'toString' }, { status: 500 }]) {
      expect(readPluginFailure(error)).toBeUndefined();
    }
  });

  it('reads the user\'s refusal a strategy\'s fail carries, and nothing from Passport\'s own fail', () => {
    const refusal = new UpstreamOAuthError({ operation: 'authorize', upstreamCode: 'access_denied' });
    expect(readFailChallenge({ message: 'The user declined.', kind: 'access_denied', error: refusal })).toMatchObject({ kind: 'access_denied', operation: 'authorize', upstreamCode: 'access_denied' });
    expect(readFailChallenge({ error: acmeFailure({ kind: 'access_denied' }) })).toEqual({ kind: 'access_denied' });
    expect(readFailChallenge({ message: 'Unable to verify authorization request state.' })).toBeUndefined();
    expect(readFailChallenge(undefined)).toBeUndefined();
  });
});

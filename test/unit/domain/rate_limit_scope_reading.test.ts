import { describe, expect, it } from '@jest/globals';
import { UpstreamRateLimitedError } from '../../../src/connections/fitbit/index.js';
import { readPluginFailure } from '../../../src/domain/read_plugin_failure.js';
import { upstreamFailureOf } from '../../../src/domain/upstream_token_client.js';
import { acmeFailure } from '../../support/fake_plugin.js';

// The host reads a rate limit's scope as plugin.ts declares it (RateLimitScope) and nothing else,
// and the vault acts on it only for a rate limit: an unknown value counts as none, which holds back
// that one identity, as before scopes existed.

describe('reading whose quota a rate limit ran out of', () => {
  it('reads each declared scope, from a plain object and from the shared OAuth 2.0 client’s error', () => {
    expect(readPluginFailure(acmeFailure({ kind: 'rate_limited', rateLimitScope: 'client' }))).toEqual({ kind: 'rate_limited', rateLimitScope: 'client' });
    const fitbit = new UpstreamRateLimitedError({ operation: 'refresh', status: 429, retryAfterSeconds: 12, rateLimitScope: 'user' });
    expect(readPluginFailure(fitbit)).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 12, rateLimitScope: 'user' });
  });

  it('drops a scope plugin.ts does not declare', () => {
    for (const rateLimitScope of ['application', 'CLIENT', 'toString', 1, null]) {
      expect(readPluginFailure({ kind: 'rate_limited', rateLimitScope })).toEqual({ kind: 'rate_limited' });
    }
  });

  it('gives the vault the scope of a rate limit, with its wait', () => {
    expect(upstreamFailureOf(acmeFailure({ kind: 'rate_limited', retryAfterSeconds: 90, rateLimitScope: 'client', message: 'slow down' }))).toEqual({
      outcome: 'passing',
      kind: 'rate_limited',
      message: 'slow down',
      retryAfterSeconds: 90,
      rateLimitScope: 'client',
    });
  });

  it('gives the vault no scope on a failure of another kind', () => {
    expect(upstreamFailureOf(acmeFailure({ kind: 'unavailable', rateLimitScope: 'client', message: 'down' }))).not.toHaveProperty('rateLimitScope');
  });
});

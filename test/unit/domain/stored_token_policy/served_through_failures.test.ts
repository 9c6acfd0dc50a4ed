import { describe, expect, it } from '@jest/globals';
import { PLUGIN_ERROR_KINDS } from '../../../../src/domain/read_plugin_failure.js';
import { servesStoredTokenThrough } from '../../../../src/domain/stored_token_policy.js';
import { CredentialsForOtherApiError, upstreamFailureOf } from '../../../../src/domain/upstream_token_client.js';
import { remedyOf } from '../../../../src/domain/upstream_remedy.js';
import { acmeFailure } from '../../../support/fake_plugin.js';

// Rule 6: a failed refresh leaves the stored token servable only when its failure says nothing about
// the tokens (the upstream down, slow, rate limiting or busy); a refusal of the tokens or of the
// client, and anything unexplained, are never hidden behind a stored token.

describe('the stored token through a failed refresh', () => {
  it.each(PLUGIN_ERROR_KINDS)('is served through a plugin\'s %s exactly when its remedy at a refresh is passing', (kind) => {
    expect(servesStoredTokenThrough(upstreamFailureOf(acmeFailure({ kind })))).toBe(remedyOf(kind, 'refresh') === 'passing');
  });

  it.each(['rate_limited', 'unavailable', 'timeout', 'conflict'] as const)('is served through %s', (kind) => {
    expect(servesStoredTokenThrough(upstreamFailureOf(acmeFailure({ kind })))).toBe(true);
  });

  it.each(['invalid_grant', 'unauthorized_client', 'gone', 'invalid_client', 'upstream_error'] as const)('is not served through %s', (kind) => {
    expect(servesStoredTokenThrough(upstreamFailureOf(acmeFailure({ kind })))).toBe(false);
  });

  it('is not served through the connection\'s move to another API, nor through fitgate\'s own error', () => {
    expect(servesStoredTokenThrough(upstreamFailureOf(new CredentialsForOtherApiError('moved')))).toBe(false);
    expect(servesStoredTokenThrough(upstreamFailureOf(new Error('a bug')))).toBe(false);
  });
});

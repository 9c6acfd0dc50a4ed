import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import { clientErrorForUpstream } from '../../../src/upstream/map_upstream_error.js';

const GOOGLE = fitbitPlugin.wording('google-health');
const FITBIT = fitbitPlugin.wording('fitbit-legacy');

const failure = (kind: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('upstream said no'), { kind, ...extra });

describe('clientErrorForUpstream', () => {
  it('turns the user\'s refusal into access_denied', () => {
    expect(clientErrorForUpstream(failure('access_denied'), GOOGLE).code).toBe('access_denied');
  });

  it.each(['unavailable', 'timeout', 'rate_limited', 'gone', 'conflict'])('turns %s into temporarily_unavailable with a description the client may see', (kind) => {
    const error = clientErrorForUpstream(failure(kind, { status: 503 }), FITBIT);
    expect(error.code).toBe('temporarily_unavailable');
    expect(error.expose).toBe(true);
    expect(error.description).not.toContain('upstream said no');
  });

  it('names the retry delay of a rate limit', () => {
    expect(clientErrorForUpstream(failure('rate_limited', { retryAfterSeconds: 42 }), GOOGLE).description).toContain('42 s');
  });

  it('tells the admin to move to google-health on a 410', () => {
    expect(clientErrorForUpstream(failure('gone'), FITBIT).description).toMatch(/410 Gone.*google-health/);
  });

  it('turns a configuration the upstream rejects into server_error naming the upstream kind', () => {
    const error = clientErrorForUpstream(failure('invalid_scope'), GOOGLE);
    expect(error.code).toBe('server_error');
    expect(error.expose).toBe(true);
    expect(error.description).toContain('Google refused the login (invalid_scope)');
  });

  it.each([
    ['invalid_client', 'client id or secret'],
    ['redirect_uri_mismatch', '/login/callback'],
  ])('tells the admin what to fix for %s', (kind, advice) => {
    const error = clientErrorForUpstream(failure(kind), FITBIT);
    expect(error.code).toBe('server_error');
    expect(error.description).toContain(advice);
  });

  it('hides the details of an error that is not an upstream failure', () => {
    const error = clientErrorForUpstream(new Error('database exploded'), GOOGLE);
    expect(error.code).toBe('server_error');
    expect(error.expose).toBe(false);
  });
});

import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

describe('check_redirect_uri', () => {
  it.each([
    ['a different host', 'https://evil.example/callback'],
    ['a trailing slash', 'https://app.example/callback/'],
    ['an extra path segment', 'https://app.example/callback/more'],
    ['an extra query', 'https://app.example/callback?x=1'],
    ['another scheme', 'http://app.example/callback'],
  ])('refuses a redirect_uri with %s with a page, never a redirect', async (_case, redirectUri) => {
    const outcome = await runChecks(validParams({ redirect_uri: redirectUri }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(false);
  });

  it('refuses a missing redirect_uri with a page', async () => {
    const outcome = await runChecks(validParams({ redirect_uri: undefined }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(false);
  });

  it('accepts a redirect_uri equal to one of the callbacks, after which errors are redirected', async () => {
    const outcome = await runChecks(validParams({ response_type: 'token' }));
    expect(outcome.ctx.redirectUri).toBe('https://app.example/callback');
    expect(outcome.redirected).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

describe('check_request_object', () => {
  it('refuses a request object with request_not_supported, through the redirect_uri', async () => {
    const outcome = await runChecks(validParams({ request: 'eyJhbGciOiJub25lIn0.eyJub25jZSI6Im4ifQ.' }));
    expect(outcome.error?.code).toBe('request_not_supported');
    expect(outcome.redirected).toBe(true);
  });

  it('refuses a request object by reference with request_uri_not_supported, through the redirect_uri', async () => {
    const outcome = await runChecks(validParams({ request_uri: 'urn:ietf:params:oauth:request_uri:abc' }));
    expect(outcome.error?.code).toBe('request_uri_not_supported');
    expect(outcome.redirected).toBe(true);
  });

  it('lets a request without either through', async () => {
    expect((await runChecks(validParams())).error).toBeUndefined();
  });
});

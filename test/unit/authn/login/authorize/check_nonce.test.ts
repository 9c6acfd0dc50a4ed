import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

describe('check_nonce', () => {
  it.each(['id_token', 'code id_token'])('requires a nonce with response_type=%s', async (type) => {
    const outcome = await runChecks(validParams({ response_type: type, nonce: undefined }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('nonce is required');
    expect(outcome.redirected).toBe(true);
  });

  it('leaves the nonce optional in the code flow, whose id_token comes from the token endpoint', async () => {
    const outcome = await runChecks(validParams({ response_type: 'code', nonce: undefined }));
    expect(outcome.error).toBeUndefined();
  });
});

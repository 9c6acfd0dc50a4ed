import { describe, expect, it } from '@jest/globals';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_response_type and check_response_mode', () => {
  it.each(['token', 'id_token', 'code id_token'])('answers response_type=%s with unsupported_response_type through the redirect', async (type) => {
    const outcome = await runChecks(validParams({ response_type: type }));
    expect(outcome.error?.code).toBe('unsupported_response_type');
    expect(outcome.redirected).toBe(true);
  });

  it('answers a missing response_type with invalid_request through the redirect', async () => {
    const outcome = await runChecks(validParams({ response_type: undefined }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(true);
  });

  it('refuses a client that is not allowed the authorization_code grant', async () => {
    const outcome = await runChecks(validParams(), { clients: [aClient({ grantTypes: ['client_credentials'] })] });
    expect(outcome.error?.code).toBe('unauthorized_client');
  });

  it('refuses any response_mode other than query', async () => {
    const outcome = await runChecks(validParams({ response_mode: 'form_post' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_response_type', () => {
  it.each([
    ['code', 'code'],
    ['id_token', 'id_token'],
    ['code id_token', 'code id_token'],
    ['id_token code', 'code id_token'],
  ])('accepts response_type=%s as %s', async (requested, canonical) => {
    const outcome = await runChecks(validParams({ response_type: requested, nonce: 'n-1' }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.responseType).toBe(canonical);
  });

  it.each(['token', 'id_token token', 'code token', 'none'])('answers response_type=%s with unsupported_response_type through the redirect', async (type) => {
    const outcome = await runChecks(validParams({ response_type: type, nonce: 'n-1' }));
    expect(outcome.error?.code).toBe('unsupported_response_type');
    expect(outcome.redirected).toBe(true);
  });

  it('answers a missing response_type with invalid_request through the redirect', async () => {
    const outcome = await runChecks(validParams({ response_type: undefined }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(true);
  });

  it.each(['code', 'id_token'])('refuses response_type=%s to a client that is not allowed the authorization_code grant', async (type) => {
    const outcome = await runChecks(validParams({ response_type: type, nonce: 'n-1' }), { clients: [aClient({ grantTypes: ['client_credentials'] })] });
    expect(outcome.error?.code).toBe('unauthorized_client');
  });

  it.each(['id_token', 'code id_token'])('refuses response_type=%s to a client that is not allowed the implicit grant, through the redirect', async (type) => {
    const codeFlowOnly = aClient({ grantTypes: ['authorization_code', 'refresh_token'] });
    const outcome = await runChecks(validParams({ response_type: type, nonce: 'n-1' }), { clients: [codeFlowOnly] });
    expect(outcome.error?.code).toBe('unauthorized_client');
    expect(outcome.error?.description).toMatch(/implicit/);
    expect(outcome.redirected).toBe(true);
  });

  it('still serves the code flow to a client without the implicit grant', async () => {
    const codeFlowOnly = aClient({ grantTypes: ['authorization_code', 'refresh_token'] });
    const outcome = await runChecks(validParams({ response_type: 'code' }), { clients: [codeFlowOnly] });
    expect(outcome.error).toBeUndefined();
  });
});

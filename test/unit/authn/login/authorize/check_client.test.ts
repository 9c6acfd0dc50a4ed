import { describe, expect, it } from '@jest/globals';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_client', () => {
  it('refuses an unknown client_id with a page, never a redirect', async () => {
    const outcome = await runChecks(validParams({ client_id: 'nobody' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('nobody');
    expect(outcome.redirected).toBe(false);
  });

  it('refuses a request without client_id with a page', async () => {
    const outcome = await runChecks(validParams({ client_id: undefined }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(false);
  });

  it('does not find a client of another tenant', async () => {
    const outcome = await runChecks(validParams(), { clients: [aClient({ tenant: 'other' })] });
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(false);
  });
});

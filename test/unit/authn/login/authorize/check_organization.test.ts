import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

describe('check_organization', () => {
  it.each([{ organization: 'org_123' }, { invitation: 'inv_abc' }, { organization: 'org_123', invitation: 'inv_abc' }])(
    'refuses %j with invalid_request "organizations are not supported", through the redirect_uri',
    async (params) => {
      const outcome = await runChecks(validParams(params));
      expect(outcome.error?.code).toBe('invalid_request');
      expect(outcome.error?.description).toBe('organizations are not supported');
      expect(outcome.redirected).toBe(true);
    },
  );

  it('shows a page for an unverified redirect_uri, whatever else is wrong', async () => {
    const outcome = await runChecks(validParams({ organization: 'org_123', redirect_uri: 'https://evil.example/' }));
    expect(outcome.error?.description).toContain('not one of the allowed callback URLs');
    expect(outcome.redirected).toBe(false);
  });
});

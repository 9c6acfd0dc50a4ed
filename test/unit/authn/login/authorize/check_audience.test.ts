import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

// run_checks.ts builds the context with this tenant URL.
const TENANT_URL = 'https://acme.example';

describe('check_audience', () => {
  it('accepts no audience and the tenant userinfo audience, what a login token is for anyway', async () => {
    expect((await runChecks(validParams())).error).toBeUndefined();
    expect((await runChecks(validParams({ audience: `${TENANT_URL}/userinfo` }))).error).toBeUndefined();
  });

  it.each([
    ['an API of the application', 'https://api.app.example'],
    ['the Management API (no current-user Management API tokens)', `${TENANT_URL}/api/v2/`],
    ['userinfo of another host', 'https://other.example/userinfo'],
    ['userinfo with a trailing slash', `${TENANT_URL}/userinfo/`],
  ])('refuses %s with access_denied "Service not found", through the redirect_uri', async (_name, audience) => {
    const outcome = await runChecks(validParams({ audience }));
    expect(outcome.error?.code).toBe('access_denied');
    expect(outcome.error?.description).toBe(`Service not found: ${audience}`);
    expect(outcome.redirected).toBe(true);
  });

  it('leaves an unknown client to its page: the audience is judged only once the redirect_uri is', async () => {
    const outcome = await runChecks(validParams({ client_id: 'nobody', audience: 'https://api.app.example' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(false);
  });
});

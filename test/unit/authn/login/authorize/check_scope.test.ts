import { describe, expect, it } from '@jest/globals';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_scope', () => {
  it('requires openid', async () => {
    const outcome = await runChecks(validParams({ scope: 'profile email' }));
    expect(outcome.error?.code).toBe('invalid_scope');
    expect(outcome.redirected).toBe(true);
  });

  it('reads a request that names no scope as openid alone, as Auth0 accepts one', async () => {
    for (const scope of [undefined, '', '  ']) {
      const outcome = await runChecks(validParams({ scope }));
      expect(outcome.error).toBeUndefined();
      expect(outcome.ctx.scope).toEqual(['openid']);
    }
  });

  it('grants the supported scopes that were asked and drops unknown ones', async () => {
    const outcome = await runChecks(validParams({ scope: 'email openid read:things  offline_access' }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.scope).toEqual(['openid', 'email', 'offline_access']);
  });

  it('drops offline_access for a client not allowed the refresh_token grant', async () => {
    const outcome = await runChecks(validParams({ scope: 'openid offline_access' }), {
      clients: [aClient({ grantTypes: ['authorization_code'] })],
    });
    expect(outcome.ctx.scope).toEqual(['openid']);
  });
});

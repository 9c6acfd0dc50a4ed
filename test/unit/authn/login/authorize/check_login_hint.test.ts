import { describe, expect, it } from '@jest/globals';
import { readAuthorizeParams, readAuthorizeRequest } from '../../../../../src/authn/login/authorize/read_params.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_login_hint', () => {
  it('keeps the hint as the client sent it, up to 256 characters', async () => {
    expect((await runChecks(validParams({ login_hint: 'Jane.Doe+fit@example.com' }))).ctx.loginHint).toBe('Jane.Doe+fit@example.com');
    const longest = `${'j'.repeat(244)}@example.com`;
    const outcome = await runChecks(validParams({ login_hint: longest }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.loginHint).toBe(longest);
  });

  it('leaves it unset when absent, and the request goes on', async () => {
    const outcome = await runChecks(validParams());
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.loginHint).toBeUndefined();
  });

  it('refuses a hint longer than 256 characters at the client’s redirect_uri', async () => {
    const outcome = await runChecks(validParams({ login_hint: `${'j'.repeat(245)}@example.com` }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.message).toBe('login_hint must be at most 256 characters.');
    expect(outcome.redirected).toBe(true);
    expect(outcome.ctx.loginHint).toBeUndefined();
  });

  it('is read from the query like every parameter: an empty one as none, a repeated one recorded for check_repeated_param', () => {
    expect(readAuthorizeParams({ login_hint: 'jane@example.com' })).toEqual({ login_hint: 'jane@example.com' });
    expect(readAuthorizeParams({ login_hint: '' })).toEqual({});
    expect(readAuthorizeRequest({ login_hint: ['jane@example.com', 'joe@example.com'] })).toEqual({
      params: { login_hint: 'jane@example.com' },
      repeated: 'login_hint',
    });
  });
});

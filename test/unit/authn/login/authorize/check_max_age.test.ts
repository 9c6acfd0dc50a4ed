import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

describe('check_max_age', () => {
  it('keeps a whole number of seconds, zero included', async () => {
    expect((await runChecks(validParams({ max_age: '300' }))).ctx.maxAge).toBe(300);
    expect((await runChecks(validParams({ max_age: '0' }))).ctx.maxAge).toBe(0);
  });

  it('leaves it unset when absent', async () => {
    const outcome = await runChecks(validParams());
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.maxAge).toBeUndefined();
  });

  it.each(['-1', '1.5', '1e3', 'soon', '1234567890'])('refuses max_age=%s at the client’s redirect_uri', async (value) => {
    const outcome = await runChecks(validParams({ max_age: value }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.message).toBe('max_age must be a whole number of seconds.');
    expect(outcome.redirected).toBe(true);
  });
});

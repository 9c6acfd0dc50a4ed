import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

describe('check_prompt', () => {
  it('refuses an unknown prompt value', async () => {
    const outcome = await runChecks(validParams({ prompt: 'create' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(true);
  });

  it('refuses none combined with another value', async () => {
    const outcome = await runChecks(validParams({ prompt: 'none login' }));
    expect(outcome.error?.code).toBe('invalid_request');
  });

  it('keeps the supported values', async () => {
    const outcome = await runChecks(validParams({ prompt: 'login consent' }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.prompt).toEqual(['login', 'consent']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { runChecks, validParams } from './run_checks.js';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('check_pkce', () => {
  it('requires PKCE from a public client', async () => {
    const outcome = await runChecks(validParams({ client_id: 'spa_client' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('PKCE is required');
    expect(outcome.redirected).toBe(true);
  });

  it('still requires PKCE from a public client in the hybrid flow, which returns a code', async () => {
    const outcome = await runChecks(validParams({ client_id: 'spa_client', response_type: 'code id_token', nonce: 'n' }));
    expect(outcome.error?.description).toContain('PKCE is required');
  });

  it('asks no PKCE of response_type=id_token, which returns no code', async () => {
    const outcome = await runChecks(validParams({ client_id: 'spa_client', response_type: 'id_token', nonce: 'n' }));
    expect(outcome.error).toBeUndefined();
  });

  it('accepts an S256 challenge from a public client and keeps it for the code', async () => {
    const outcome = await runChecks(validParams({ client_id: 'spa_client', code_challenge: CHALLENGE, code_challenge_method: 'S256' }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.codeChallenge).toBe(CHALLENGE);
    expect(outcome.ctx.codeChallengeMethod).toBe('S256');
  });

  it('refuses the plain method', async () => {
    const outcome = await runChecks(validParams({ code_challenge: CHALLENGE, code_challenge_method: 'plain' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('S256');
  });

  it('refuses a challenge without a method, which RFC 7636 reads as plain', async () => {
    const outcome = await runChecks(validParams({ code_challenge: CHALLENGE }));
    expect(outcome.error?.code).toBe('invalid_request');
  });

  it.each([
    ['too short', 'a'.repeat(42)],
    ['too long', 'a'.repeat(129)],
    ['with a character outside the unreserved set', `${'a'.repeat(42)}+`],
  ])('refuses a challenge %s', async (_case, challenge) => {
    const outcome = await runChecks(validParams({ code_challenge: challenge, code_challenge_method: 'S256' }));
    expect(outcome.error?.code).toBe('invalid_request');
  });

  it('refuses a method without a challenge', async () => {
    const outcome = await runChecks(validParams({ code_challenge_method: 'S256' }));
    expect(outcome.error?.code).toBe('invalid_request');
  });

  it('lets a confidential client omit PKCE', async () => {
    const outcome = await runChecks(validParams());
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.codeChallenge).toBeUndefined();
  });
});

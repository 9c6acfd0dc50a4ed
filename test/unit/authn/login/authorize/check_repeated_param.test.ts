import { describe, expect, it } from '@jest/globals';
import type { AuthorizeContext } from '../../../../../src/authn/login/authorize/authorize_context.js';
import { errorResponseMode } from '../../../../../src/authn/login/authorize/error_response_mode.js';
import { newAuthorizeContext, runAuthorizeChecks } from '../../../../../src/authn/login/authorize/pipeline.js';
import { readAuthorizeRequest } from '../../../../../src/authn/login/authorize/read_params.js';
import type { AppError } from '../../../../../src/errors/index.js';
import { memoryClients, memoryConnections } from '../../../../support/authn/memory_repositories.js';
import { aClient, aConnection, aPublicClient, aTenant } from '../../../../support/authn/records.js';
import { validParams } from './run_checks.js';

/** Runs every check on `query` as read from a URL: a repeated parameter is an array of its values. */
async function refusal(query: Record<string, unknown>): Promise<{ ctx: AuthorizeContext; error: AppError }> {
  const { params, repeated } = readAuthorizeRequest(query);
  const ctx = newAuthorizeContext(aTenant(), 'https://acme.example', params, repeated);
  const deps = { clients: memoryClients([aClient(), aPublicClient()]), connections: memoryConnections([aConnection()]), strategies: new Set(['fitbit']) };
  try {
    await runAuthorizeChecks(ctx, deps);
  } catch (error) {
    return { ctx, error: error as AppError };
  }
  throw new Error('the checks accepted the request');
}

describe('check_repeated_param', () => {
  it('refuses a repeated parameter with invalid_request naming it, once the redirect_uri is verified, before any later check', async () => {
    // response_type=token alone would be unsupported_response_type: the repeat is found first.
    const { ctx, error } = await refusal({ ...validParams({ response_type: 'token' }), scope: ['openid', 'profile'] });
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('The parameter scope was sent more than once.');
    expect(ctx.redirectUri).toBe('https://app.example/callback');
    expect(errorResponseMode(ctx)).toBe('query');
    expect(ctx.params.state).toBe('client-state');
  });

  it('lets a bad client_id or redirect_uri win: those are pages, whatever else is repeated', async () => {
    const { ctx, error } = await refusal({ ...validParams({ redirect_uri: 'https://evil.example/cb' }), scope: ['openid', 'profile'] });
    expect(error.message).toContain('is not one of the allowed callback URLs');
    expect(ctx.redirectUri).toBeUndefined();
  });

  it('answers a repeated response_mode in the response type’s default mode, not in either requested one', async () => {
    const { ctx, error } = await refusal({ ...validParams({ response_type: 'id_token', nonce: 'n' }), response_mode: ['form_post', 'web_message'] });
    expect(error.message).toBe('The parameter response_mode was sent more than once.');
    expect(errorResponseMode(ctx)).toBe('fragment');
  });

  it('does not keep a repeated state to echo', async () => {
    const { ctx, error } = await refusal({ ...validParams(), state: ['s1', 's2'] });
    expect(error.message).toBe('The parameter state was sent more than once.');
    expect(ctx.params.state).toBeUndefined();
  });
});

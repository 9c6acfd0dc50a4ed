import { describe, expect, it } from '@jest/globals';
import { errorResponseMode } from '../../../../../src/authn/login/authorize/error_response_mode.js';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('errorResponseMode', () => {
  it('sends an error in the response mode the client asked for', async () => {
    const outcome = await runChecks(validParams({ response_type: 'id_token', response_mode: 'form_post', scope: 'profile', nonce: 'n' }));
    expect(outcome.error?.code).toBe('invalid_scope');
    expect(errorResponseMode(outcome.ctx)).toBe('form_post');
  });

  it('sends a refused id_token-in-the-query request its error in the fragment, never the query', async () => {
    const outcome = await runChecks(validParams({ response_type: 'id_token', response_mode: 'query', nonce: 'n' }));
    expect(outcome.error).toBeDefined();
    expect(errorResponseMode(outcome.ctx)).toBe('fragment');
  });

  it('uses the requested mode for an unsupported response type', async () => {
    const outcome = await runChecks(validParams({ response_type: 'token', response_mode: 'form_post' }));
    expect(outcome.error?.code).toBe('unsupported_response_type');
    expect(errorResponseMode(outcome.ctx)).toBe('form_post');
  });

  it('falls back to the query for an unsupported response type and mode', async () => {
    const outcome = await runChecks(validParams({ response_type: 'token', response_mode: 'query.jwt' }));
    expect(errorResponseMode(outcome.ctx)).toBe('query');
  });

  it('posts an error to an Allowed Web Origin that asked for web_message, also before the mode was checked', async () => {
    const spa = aClient({ webOrigins: ['https://app.example'] });
    const outcome = await runChecks(validParams({ response_type: 'token', response_mode: 'web_message' }), { clients: [spa] });
    expect(outcome.error?.code).toBe('unsupported_response_type');
    expect(errorResponseMode(outcome.ctx)).toBe('web_message');
  });

  it('answers nothing to a web_message request from an origin the client does not list, whatever went wrong', async () => {
    const spa = aClient({ webOrigins: ['https://other.example'] });
    for (const params of [{ response_type: 'token' }, { scope: 'profile' }, {}]) {
      const outcome = await runChecks(validParams({ ...params, response_mode: 'web_message' }), { clients: [spa] });
      expect(outcome.error).toBeDefined();
      expect(errorResponseMode(outcome.ctx)).toBeUndefined();
    }
  });

  it('never answers a custom-scheme redirect_uri with a form post', async () => {
    const native = aClient({ appType: 'native', callbacks: ['com.acme.app:/callback'] });
    const outcome = await runChecks(validParams({ redirect_uri: 'com.acme.app:/callback', response_type: 'token', response_mode: 'form_post' }), {
      clients: [native],
    });
    expect(errorResponseMode(outcome.ctx)).toBe('query');
  });
});

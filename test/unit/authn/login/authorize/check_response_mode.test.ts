import { describe, expect, it } from '@jest/globals';
import { aClient } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_response_mode', () => {
  it.each([
    ['code', 'query'],
    ['id_token', 'fragment'],
    ['code id_token', 'fragment'],
  ])('defaults response_type=%s to %s', async (type, mode) => {
    const outcome = await runChecks(validParams({ response_type: type, nonce: 'n-1' }));
    expect(outcome.ctx.responseMode).toBe(mode);
  });

  it.each([
    ['code', 'form_post'],
    ['code', 'fragment'],
    ['id_token', 'form_post'],
    ['code id_token', 'form_post'],
    ['code id_token', 'fragment'],
  ])('serves response_type=%s in response_mode=%s', async (type, mode) => {
    const outcome = await runChecks(validParams({ response_type: type, response_mode: mode, nonce: 'n-1' }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.responseMode).toBe(mode);
  });

  it.each(['id_token', 'code id_token'])('refuses the query for response_type=%s, which carries a token', async (type) => {
    const outcome = await runChecks(validParams({ response_type: type, response_mode: 'query', nonce: 'n-1' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('fragment or form_post');
    expect(outcome.redirected).toBe(true);
  });

  it('refuses a response mode it does not serve, naming the ones it does', async () => {
    const outcome = await runChecks(validParams({ response_mode: 'query.jwt' }));
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('query, fragment, form_post, web_message');
  });

  it.each(['code', 'id_token', 'code id_token'])(
    'serves response_type=%s in response_mode=web_message when the redirect_uri\'s origin is an Allowed Web Origin',
    async (type) => {
      const spa = aClient({ webOrigins: ['https://app.example'] });
      const outcome = await runChecks(validParams({ response_type: type, response_mode: 'web_message', nonce: 'n-1' }), { clients: [spa] });
      expect(outcome.error).toBeUndefined();
      expect(outcome.ctx.responseMode).toBe('web_message');
    },
  );

  it('refuses web_message from an origin the client does not list, with a page naming Allowed Web Origins', async () => {
    const other = aClient({ webOrigins: ['https://other.example', 'https://app.example:8443'] });
    const outcome = await runChecks(validParams({ response_mode: 'web_message' }), { clients: [other] });
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('https://app.example is not one of the application\'s Allowed Web Origins');
    expect(outcome.error?.description).toContain('add https://app.example to Allowed Web Origins');
    expect(outcome.ctx.responseMode).toBeUndefined();
    expect(outcome.redirected).toBe(false);
  });

  it('refuses web_message from a client with no web origins at all, with a page', async () => {
    const outcome = await runChecks(validParams({ response_mode: 'web_message' }));
    expect(outcome.error?.description).toContain('Allowed Web Origins');
    expect(outcome.redirected).toBe(false);
  });

  it('refuses web_message to a custom-scheme redirect_uri, which has no window to post to', async () => {
    const native = aClient({ appType: 'native', callbacks: ['com.acme.app:/callback'], webOrigins: ['https://app.example'] });
    const outcome = await runChecks(validParams({ redirect_uri: 'com.acme.app:/callback', response_mode: 'web_message' }), { clients: [native] });
    expect(outcome.error?.description).toContain('web_message needs an http or https redirect_uri');
    expect(outcome.redirected).toBe(false);
  });

  it('refuses form_post to a custom-scheme redirect_uri, which cannot receive a form', async () => {
    const native = aClient({ appType: 'native', callbacks: ['com.acme.app:/callback'] });
    const outcome = await runChecks(validParams({ redirect_uri: 'com.acme.app:/callback', response_mode: 'form_post' }), { clients: [native] });
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('form_post');
  });
});

import { describe, expect, it } from '@jest/globals';
import { readAuthorizeParams, readAuthorizeRequest } from '../../../../../src/authn/login/authorize/read_params.js';

describe('readAuthorizeParams', () => {
  it('refuses a repeated client_id or redirect_uri at once, before anything may be redirected (RFC 6749 §3.1, §4.1.2.1)', () => {
    expect(() => readAuthorizeRequest({ client_id: ['a', 'b'] })).toThrow('client_id was sent more than once');
    expect(() => readAuthorizeRequest({ client_id: 'a', redirect_uri: ['https://a.example/cb', 'https://a.example/cb'] })).toThrow(
      'redirect_uri was sent more than once',
    );
  });

  it('records another repeated parameter for the checks to refuse, keeping its first value', () => {
    expect(readAuthorizeRequest({ client_id: 'abc', scope: ['openid', 'openid profile'], nonce: ['n1', 'n2'] })).toEqual({
      params: { client_id: 'abc', scope: 'openid', nonce: 'n1' },
      repeated: 'scope',
    });
    expect(readAuthorizeRequest({ client_id: 'abc', scope: 'openid' })).toEqual({ params: { client_id: 'abc', scope: 'openid' } });
  });

  it('keeps neither value of a repeated state or response_mode, so the error neither echoes one nor answers in one', () => {
    expect(readAuthorizeRequest({ client_id: 'abc', state: ['s1', 's2'] })).toEqual({ params: { client_id: 'abc' }, repeated: 'state' });
    expect(readAuthorizeRequest({ response_mode: ['form_post', 'query'], response_type: 'code' })).toEqual({
      params: { response_type: 'code' },
      repeated: 'response_mode',
    });
    expect(readAuthorizeParams({ state: ['s1', 's2'], scope: 'openid' })).toEqual({ scope: 'openid' });
  });

  it('treats empty values as absent and ignores unknown parameters', () => {
    expect(readAuthorizeParams({ state: '', client_id: 'abc', foo: 'bar' })).toEqual({ client_id: 'abc' });
  });

  it('reads audience, organization and invitation, so that the checks can refuse them', () => {
    expect(readAuthorizeParams({ audience: 'https://api.example', organization: 'org_1', invitation: 'inv_1' })).toEqual({
      audience: 'https://api.example',
      organization: 'org_1',
      invitation: 'inv_1',
    });
  });

  it('refuses an oversized value', () => {
    expect(() => readAuthorizeParams({ state: 'x'.repeat(2049) })).toThrow('longer than 2048');
    expect(() => readAuthorizeParams({ nonce: ['n', 'x'.repeat(2049)] })).toThrow('nonce is longer than 2048');
  });
});

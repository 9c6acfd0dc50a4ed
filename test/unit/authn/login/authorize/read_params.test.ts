import { describe, expect, it } from '@jest/globals';
import { readAuthorizeParams } from '../../../../../src/authn/login/authorize/read_params.js';

describe('readAuthorizeParams', () => {
  it('refuses a parameter sent twice (RFC 6749 §3.1)', () => {
    expect(() => readAuthorizeParams({ client_id: ['a', 'b'] })).toThrow('client_id was sent more than once');
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
  });
});

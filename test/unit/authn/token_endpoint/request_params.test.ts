import { describe, expect, it } from '@jest/globals';
import { readRequestParams, splitScope } from '../../../../src/authn/token_endpoint/request_params.js';
import { InvalidRequestError } from '../../../../src/errors/index.js';

describe('token request parameters', () => {
  it('reads single string values and treats empty ones as omitted', () => {
    expect(readRequestParams({ grant_type: 'refresh_token', scope: '', refresh_token: 'r' })).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r',
    });
  });

  it('treats a request without a body as one without parameters', () => {
    expect(readRequestParams(undefined)).toEqual({});
  });

  it('refuses a repeated parameter and a non-string JSON value with invalid_request', () => {
    expect(() => readRequestParams({ code: ['a', 'b'] })).toThrow(InvalidRequestError);
    expect(() => readRequestParams({ code: { nested: true } })).toThrow(InvalidRequestError);
    expect(() => readRequestParams(['grant_type'])).toThrow(InvalidRequestError);
  });

  it('splits a scope on spaces without duplicates', () => {
    expect(splitScope('openid  profile openid')).toEqual(['openid', 'profile']);
    expect(splitScope(undefined)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../src/connections/oauth2/errors/bad_response_error.js';
import { parseTokenResponse } from '../../../../src/connections/oauth2/token_response.js';

// RFC 6749 §5.1's example answer, of type Bearer, with OpenID Connect's id_token beside it.
const ANSWER = {
  access_token: '2YotnFZFEjr1zCsicMWpAA',
  token_type: 'Bearer',
  expires_in: 3600,
  refresh_token: 'tGzv3JOkF0XG5Qx2TlKWIA',
  scope: 'read write',
  id_token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
};

describe('parseTokenResponse', () => {
  it('reads the tokens, their lifetime, the granted scope and an id_token, keeping the answer as received', () => {
    expect(parseTokenResponse('token', ANSWER)).toEqual({
      accessToken: '2YotnFZFEjr1zCsicMWpAA',
      refreshToken: 'tGzv3JOkF0XG5Qx2TlKWIA',
      expiresIn: 3600,
      scope: 'read write',
      idToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      json: ANSWER,
    });
  });

  it('leaves out what the answer left out: the refresh token, the scope (then what was asked was granted), the id_token', () => {
    const { refresh_token: _refresh, scope: _scope, id_token: _id, ...bare } = ANSWER;
    expect(parseTokenResponse('refresh', bare)).toMatchObject({ refreshToken: undefined, scope: undefined, idToken: undefined });
  });

  it('requires the access token, a Bearer type and expires_in', () => {
    expect(() => parseTokenResponse('token', { ...ANSWER, access_token: undefined })).toThrow(UpstreamBadResponseError);
    expect(() => parseTokenResponse('token', { ...ANSWER, token_type: 'mac' })).toThrow(/token_type/);
    expect(() => parseTokenResponse('token', { ...ANSWER, expires_in: undefined })).toThrow(/expires_in/);
    expect(parseTokenResponse('token', { ...ANSWER, expires_in: '3600' }).expiresIn).toBe(3600);
  });

  it('names the call that got the unreadable answer', () => {
    expect(() => parseTokenResponse('refresh', { ...ANSWER, access_token: '' })).toThrow(
      expect.objectContaining({ kind: 'bad_response', operation: 'refresh', status: 200 }),
    );
  });
});

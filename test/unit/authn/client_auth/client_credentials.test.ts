import { describe, expect, it } from '@jest/globals';
import { readClientCredentials } from '../../../../src/authn/client_auth/client_credentials.js';
import { InvalidClientError, InvalidRequestError } from '../../../../src/errors/index.js';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('reading client credentials', () => {
  it('reads HTTP Basic credentials, form-decoding each part so a secret may hold ":" and "%"', () => {
    expect(readClientCredentials(basic('app 1', 'a:b%c'), {})).toEqual({
      method: 'client_secret_basic',
      clientId: 'app 1',
      clientSecret: 'a:b%c',
    });
  });

  it('reads client_secret_post credentials from the body', () => {
    expect(readClientCredentials(undefined, { client_id: 'app', client_secret: 's' })).toEqual({
      method: 'client_secret_post',
      clientId: 'app',
      clientSecret: 's',
    });
  });

  it('treats a bare client_id as a public client (auth method none)', () => {
    expect(readClientCredentials(undefined, { client_id: 'spa' })).toEqual({ method: 'none', clientId: 'spa' });
  });

  it('refuses two authentication methods in one request', () => {
    expect(() => readClientCredentials(basic('app', 's'), { client_secret: 's' })).toThrow(InvalidRequestError);
    expect(() => readClientCredentials(basic('app', 's'), { client_id: 'other' })).toThrow(InvalidRequestError);
  });

  it('refuses malformed Basic credentials with invalid_client and a Basic challenge', () => {
    for (const header of ['Basic bm9jb2xvbg==', `Basic ${Buffer.from('%zz:secret').toString('base64')}`]) {
      let thrown: unknown;
      try {
        readClientCredentials(header, {});
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidClientError);
      expect((thrown as InvalidClientError).headers['WWW-Authenticate']).toMatch(/^Basic realm=/);
    }
  });

  it('refuses a request with no client identification at all', () => {
    expect(() => readClientCredentials(undefined, { grant_type: 'client_credentials' })).toThrow(InvalidClientError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { clientAuthentication } from '../../../../src/connections/oauth2/client_authentication.js';

describe('clientAuthentication', () => {
  it('client_secret_basic: HTTP Basic of the id and secret, each encoded first (RFC 6749 §2.3.1), nothing in the body', () => {
    const auth = clientAuthentication({ method: 'client_secret_basic', clientID: 'the:client', clientSecret: 's3cret' });
    expect(auth.form).toEqual({});
    expect(auth.headers).toEqual({ authorization: `Basic ${Buffer.from('the%3Aclient:s3cret').toString('base64')}` });
  });

  it('client_secret_post: the id and secret in the body, no header', () => {
    expect(clientAuthentication({ method: 'client_secret_post', clientID: 'the-client', clientSecret: 's3cret' })).toEqual({
      headers: {},
      form: { client_id: 'the-client', client_secret: 's3cret' },
    });
  });

  it('none: a public client names itself in the body, with no secret', () => {
    expect(clientAuthentication({ method: 'none', clientID: 'the-client' })).toEqual({ headers: {}, form: { client_id: 'the-client' } });
  });
});

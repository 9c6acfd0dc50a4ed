import { describe, expect, it } from '@jest/globals';
import { clientErrorParams, clientRedirectUrl } from '../../../../../src/authn/login/authorize/client_redirect.js';
import { InvalidScopeError, ServerError } from '../../../../../src/errors/index.js';

describe('clientRedirectUrl', () => {
  it('adds code, state and iss to the redirect_uri and keeps its own query', () => {
    const url = new URL(clientRedirectUrl('https://app.example/cb?tab=2', 'https://acme.example/', { code: 'c', state: 's t' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ tab: '2', code: 'c', state: 's t', iss: 'https://acme.example/' });
  });

  it('puts the response in the fragment for the fragment mode, leaving the query alone', () => {
    const url = new URL(clientRedirectUrl('https://app.example/cb?tab=2', 'https://acme.example/', { code: 'c', idToken: 'h.p.s', state: 's' }, 'fragment'));
    expect(url.search).toBe('?tab=2');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ code: 'c', id_token: 'h.p.s', state: 's', iss: 'https://acme.example/' });
  });

  it('shows the client the description of an exposed error and a generic one for a server error', () => {
    expect(clientErrorParams(new InvalidScopeError('The scope must include openid.'), 'st')).toEqual({
      error: 'invalid_scope',
      errorDescription: 'The scope must include openid.',
      state: 'st',
    });
    expect(clientErrorParams(new ServerError('SQLITE_BUSY at users.ts:42'), undefined).errorDescription).not.toContain('SQLITE');
  });
});

import { describe, expect, it } from '@jest/globals';
import { codeVerifierOf, exchangeAuthorizationCode } from '../../../../src/connections/oauth2/authorization_code.js';
import { UpstreamOAuthError } from '../../../../src/connections/oauth2/errors/oauth_error.js';
import type { TokenEndpoint } from '../../../../src/connections/oauth2/token_request.js';
import { recordingPort } from './recording_port.js';

const TOKEN_ANSWER = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: 'access', token_type: 'Bearer', expires_in: 3600 }) };
const VERIFIER = 'v'.repeat(43);

function endpoint(): { endpoint: TokenEndpoint; calls: ReturnType<typeof recordingPort>['calls'] } {
  const { calls, upstreamFetch } = recordingPort(TOKEN_ANSWER);
  return {
    calls,
    endpoint: {
      url: 'https://upstream.example/oauth/token',
      client: { method: 'client_secret_post', clientID: 'the-client', clientSecret: 's3cret' },
      upstreamFetch,
      timeoutMs: 5_000,
      refusal: (refused) => new UpstreamOAuthError({ operation: refused.operation, status: refused.status, upstreamCode: 'refused' }),
    },
  };
}

// Type checks, run by `npx tsc --noEmit -p .` (Jest strips types): the caller says a verifier or
// pkce: false, never neither nor both. Each @ts-expect-error fails that check the day its line compiles.
// @ts-expect-error neither a verifier nor pkce: false
const _neither = (tokenEndpoint: TokenEndpoint) => exchangeAuthorizationCode(tokenEndpoint, { code: 'the-code' });
// @ts-expect-error a verifier beside pkce: false contradicts it
const _both = (tokenEndpoint: TokenEndpoint) => exchangeAuthorizationCode(tokenEndpoint, { code: 'the-code', pkce: false, codeVerifier: VERIFIER });

describe('exchangeAuthorizationCode', () => {
  it('sends the PKCE verifier with the code (RFC 7636 §4.5)', async () => {
    const { endpoint: tokenEndpoint, calls } = endpoint();
    await expect(exchangeAuthorizationCode(tokenEndpoint, { code: 'the-code', codeVerifier: VERIFIER, redirectUri: 'https://fitgate.example/login/callback' })).resolves.toMatchObject({ accessToken: 'access' });
    expect(calls.map((call) => [call.operation, call.form])).toEqual([
      ['token', { grant_type: 'authorization_code', code: 'the-code', code_verifier: VERIFIER, redirect_uri: 'https://fitgate.example/login/callback', client_id: 'the-client', client_secret: 's3cret' }],
    ]);
  });

  it('sends no verifier when the caller says the upstream takes no PKCE (pkce: false)', async () => {
    const { endpoint: tokenEndpoint, calls } = endpoint();
    await expect(exchangeAuthorizationCode(tokenEndpoint, { code: 'the-code', pkce: false, redirectUri: 'https://fitgate.example/login/callback' })).resolves.toMatchObject({ accessToken: 'access' });
    expect(calls.map((call) => call.form)).toEqual([
      { grant_type: 'authorization_code', code: 'the-code', redirect_uri: 'https://fitgate.example/login/callback', client_id: 'the-client', client_secret: 's3cret' },
    ]);
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
  ])('refuses a verifier that is %s without pkce: false, sending nothing (a lost verifier is no "no PKCE")', async (_case, codeVerifier) => {
    const { endpoint: tokenEndpoint, calls } = endpoint();
    await expect(exchangeAuthorizationCode(tokenEndpoint, { code: 'the-code', codeVerifier: codeVerifier as string })).rejects.toThrow(new TypeError('exchangeAuthorizationCode needs the PKCE code verifier, or pkce: false for an upstream without PKCE'));
    expect(calls).toEqual([]);
  });
});

describe('codeVerifierOf (the verifier passport-oauth2 hands a PKCE strategy’s exchange)', () => {
  it('returns the verifier the state store kept', () => {
    expect(codeVerifierOf({ code_verifier: VERIFIER })).toBe(VERIFIER);
  });

  it.each([
    ['missing', {}],
    ['empty', { code_verifier: '' }],
  ])('throws a TypeError when it is %s: the store lost it, which a PKCE strategy must not read as "no PKCE"', (_case, params) => {
    expect(() => codeVerifierOf(params)).toThrow(new TypeError('The state store returned no PKCE code verifier; it must keep the one passport-oauth2 gives it'));
  });
});

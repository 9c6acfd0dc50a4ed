import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import { recordedAuthError } from '../../../support/recorded_auth_errors.js';

/** Google's and Fitbit's answers to a refused authorize request, as the plugin reads them for TRY. */
describe('reading a refused authorize request', () => {
  const read = (status: number, body: string) => fitbitPlugin.readAuthorizeRefusal({ status, body });

  it('reads an unregistered callback URL from either upstream\'s page', () => {
    expect(read(400, '<p>Error 400: <b>redirect_uri_mismatch</b></p><p>The redirect URI in the request does not match.</p>')).toEqual({
      kind: 'redirect_uri_mismatch',
      operation: 'authorize',
      status: 400,
      upstreamCode: 'redirect_uri_mismatch',
      upstreamMessage: 'The redirect URI in the request does not match.',
    });
    expect(read(400, '<p><strong>invalid_request</strong> - Invalid redirect_uri parameter value</p>')).toMatchObject({
      kind: 'redirect_uri_mismatch',
      upstreamCode: 'invalid_request',
      upstreamMessage: 'Invalid redirect_uri parameter value',
    });
  });

  it('reports an unknown client id as invalid_client, on Google\'s page and on Fitbit\'s', () => {
    expect(read(401, '<p><strong>invalid_client</strong> - The OAuth client was not found.</p>')).toMatchObject({ kind: 'invalid_client', upstreamCode: 'invalid_client' });
    expect(read(400, '<p><strong>unauthorize_client</strong> - Invalid client_id</p>')).toMatchObject({ kind: 'invalid_client', upstreamMessage: 'Invalid client_id' });
  });

  it('reads the other codes the pages print, and anything else as upstream_error', () => {
    expect(read(400, 'Error 400: unauthorized_client')).toMatchObject({ kind: 'unauthorized_client' });
    expect(read(400, 'Error 400: invalid_scope - Some requested scopes were invalid.')).toMatchObject({ kind: 'invalid_scope' });
    expect(read(418, 'short and stout')).toEqual({ kind: 'upstream_error', operation: 'authorize', status: 418 });
  });

  it('reads an error page that names no OAuth code as an outage or a rate limit by its status, not as the settings\' fault', () => {
    expect(read(503, '<h1>Google</h1><p>503 - The service is temporarily unavailable. Try again later.</p>')).toEqual({ kind: 'unavailable', operation: 'authorize', status: 503 });
    expect(read(502, '<p>Bad Gateway</p>')).toMatchObject({ kind: 'unavailable', status: 502 });
    expect(read(429, '<p>Too Many Requests</p>')).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(read(500, '<p>Error 400: redirect_uri_mismatch</p>')).toMatchObject({ kind: 'redirect_uri_mismatch' });
  });
});

describe('reading Google\'s redirect to its error page', () => {
  const redirect = (location: string) => fitbitPlugin.readAuthorizeRefusal({ status: 302, body: '', location });

  it('reads an unknown client from the address Google sent, with the status it names', () => {
    expect(redirect(recordedAuthError('invalid_client').location)).toEqual({
      kind: 'invalid_client',
      operation: 'authorize',
      status: 401,
      upstreamCode: 'invalid_client',
      upstreamMessage: 'The OAuth client was not found.',
    });
  });

  it('quotes the description on one line, and reads a code it has no kind for as upstream_error', () => {
    expect(redirect(recordedAuthError('invalid_request').location)).toEqual({
      kind: 'upstream_error',
      operation: 'authorize',
      status: 400,
      upstreamCode: 'invalid_request',
      upstreamMessage: expect.stringMatching(/^您无法登录此应用，.* OAuth 2\.0 政策的规定。 您可以通知应用开发者，.*验证规则。$/),
    });
  });

  it('reads the error page under an emulator\'s base URL too', () => {
    const { authError } = recordedAuthError('invalid_client');
    const location = `http://127.0.0.1:4010/accounts.google.com/signin/oauth/error?authError=${encodeURIComponent(authError)}&flowName=GeneralOAuthFlow`;
    expect(redirect(location)).toMatchObject({ kind: 'invalid_client', status: 401 });
  });

  it('takes a redirect to anything else for the way to sign in: no refusal', () => {
    const { authError } = recordedAuthError('invalid_client');
    for (const location of [
      'https://accounts.google.com/v3/signin/identifier?client_id=x&flowName=GeneralOAuthFlow',
      'https://accounts.google.com/signin/oauth/consent?authuser=0&part=abc',
      'http://localhost:3000/login/callback?code=4/abc&state=xyz',
      // The right path on another host, or Google's host without TLS, is not Google's error page.
      `https://accounts.example.com/signin/oauth/error?authError=${authError}`,
      `http://accounts.google.com/signin/oauth/error?authError=${authError}`,
    ]) {
      expect([location, redirect(location)]).toEqual([location, undefined]);
    }
  });

  it('reads nothing from an error page address without a readable authError', () => {
    expect(redirect('https://accounts.google.com/signin/oauth/error?flowName=GeneralOAuthFlow')).toBeUndefined();
    expect(redirect('https://accounts.google.com/signin/oauth/error?authError=bm90aGluZw')).toBeUndefined();
    expect(redirect(`https://accounts.google.com/signin/oauth/error?authError=${recordedAuthError('invalid_request').authError.slice(0, 300)}`)).toBeUndefined();
    expect(fitbitPlugin.readAuthorizeRefusal({ status: 302, body: '' })).toBeUndefined();
  });

  it('quotes nothing token-like Google put in the description', () => {
    const description = 'The client sent the state abcdefghijklmnopqrstuvwxyz0123456789 back.';
    const bytes = Buffer.concat([Buffer.from([0x0a, 0x0f]), Buffer.from('invalid_request'), Buffer.from([0x12, description.length]), Buffer.from(description)]);
    const said = redirect(`https://accounts.google.com/signin/oauth/error?authError=${bytes.toString('base64url')}`);
    expect(said?.upstreamMessage).toBe('The client sent the state [redacted] back.');
  });
});

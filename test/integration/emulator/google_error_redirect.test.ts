import { describe, expect, it } from '@jest/globals';
import { decodeGoogleAuthError } from '../../../src/connections/fitbit/google_auth_error.js';
import { encodeAuthError } from '../../../src/emulator/authorize/auth_error_wire.js';
import { DEMO, authorizeRedirect, buildAuthorizeUrl } from '../../support/emulator.js';
import { recordedAuthError } from '../../support/recorded_auth_errors.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator({ resetAfterEach: false });

/** The redirect a refused Google authorize request answers, and what the Fitbit plugin reads in it. */
async function refusal(params: Record<string, string | undefined>) {
  const location = await authorizeRedirect(buildAuthorizeUrl(emulator.url, 'google-health', params));
  const authError = location.searchParams.get('authError') ?? '';
  return { location, authError, said: decodeGoogleAuthError(authError) };
}

async function errorPage(location: URL): Promise<{ status: number; text: string }> {
  const response = await fetch(location, { redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

describe('Google\'s authorize refusals redirect to its error page, as Google\'s do', () => {
  it('answers an unknown client with 302 to the error page under the emulator, carrying Google\'s very authError', async () => {
    const { location, authError, said } = await refusal({ client_id: 'unknown.apps.googleusercontent.com' });
    expect(`${location.origin}${location.pathname}`).toBe(`${emulator.url}/accounts.google.com/signin/oauth/error`);
    expect(location.searchParams.get('client_id')).toBe('unknown.apps.googleusercontent.com');
    expect(location.searchParams.get('flowName')).toBe('GeneralOAuthFlow');
    expect(authError).toBe(recordedAuthError('invalid_client').authError);
    expect(said).toEqual({ code: 'invalid_client', description: 'The OAuth client was not found.', status: 401 });
  });

  it('shows the refusal on the error page, with 200 as Google serves it', async () => {
    const { location } = await refusal({ client_id: 'unknown.apps.googleusercontent.com' });
    const page = await errorPage(location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Error 401: invalid_client');
    expect(page.text).toContain('The OAuth client was not found.');
  });

  it('answers a client of the other upstream as unknown', async () => {
    expect((await refusal({ client_id: DEMO.legacyServer.clientId })).said).toMatchObject({ code: 'invalid_client', status: 401 });
  });

  it('answers an unregistered redirect_uri with redirect_uri_mismatch, and the page echoes the URI in its request details', async () => {
    const { location, said } = await refusal({ redirect_uri: 'https://evil.example/callback' });
    expect(said).toMatchObject({ code: 'redirect_uri_mismatch', status: 400, description: expect.stringContaining('register the redirect URI') });
    const page = await errorPage(location);
    expect(page.text).toContain('Error 400: redirect_uri_mismatch');
    expect(page.text).toContain('Request details: redirect_uri=https://evil.example/callback flowName=GeneralOAuthFlow');
  });

  it('requires redirect_uri even when only one is registered', async () => {
    expect((await refusal({ redirect_uri: undefined })).said).toEqual({
      code: 'invalid_request',
      description: 'Missing required parameter: redirect_uri',
      status: 400,
    });
  });

  it('accepts both spellings of a Health scope and refuses an unknown one', async () => {
    const readWrite = await authorizeRedirect(
      buildAuthorizeUrl(emulator.url, 'google-health', { scope: 'openid https://www.googleapis.com/auth/googlehealth.profile', emulator_user: 'bob' }),
    );
    expect(readWrite.searchParams.get('code')).toBeTruthy();
    expect((await refusal({ scope: 'openid https://www.googleapis.com/auth/fitness.read' })).said).toMatchObject({ code: 'invalid_scope', status: 400 });
  });

  it('refuses an access_type other than online or offline', async () => {
    expect((await refusal({ access_type: 'forever' })).said).toMatchObject({ code: 'invalid_request', description: 'Invalid access_type: forever' });
  });

  it('escapes whatever the request echoes into the error page', async () => {
    const { location } = await refusal({ redirect_uri: 'http://x/<script>alert(1)</script>' });
    const page = await errorPage(location);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&lt;script&gt;');
  });

  it('links its own help page, and no address a crafted authError brings', async () => {
    const { location } = await refusal({ redirect_uri: 'http://x/not-registered' });
    expect((await errorPage(location)).text).toContain('href="https://developers.google.com/identity/protocols/oauth2/web-server');

    const crafted = encodeAuthError({ code: 'invalid_request', description: 'Click below.', helpUrl: 'https://evil.example/login', status: 400, requestDetails: [] });
    const page = await errorPage(new URL(`${emulator.url}/accounts.google.com/signin/oauth/error?authError=${crafted}`));
    expect(page.text).toContain('Click below.');
    expect(page.text).not.toContain('evil.example');
  });

  it('shows a page saying so for an authError it cannot read', async () => {
    const page = await errorPage(new URL(`${emulator.url}/accounts.google.com/signin/oauth/error?authError=bm90aGluZw`));
    expect(page.status).toBe(400);
    expect(page.text).toContain('could not be read');
  });
});

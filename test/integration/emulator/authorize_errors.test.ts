import { describe, expect, it } from '@jest/globals';
import { DEMO, buildAuthorizeUrl } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator({ resetAfterEach: false });

async function page(url: string): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

describe('legacy authorize errors are shown on Fitbit\'s page, never redirected', () => {
  it('answers an unknown client_id with Fitbit\'s own "unauthorize_client - Invalid client_id"', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { client_id: 'NOPE99' }));
    expect(result.status).toBe(400);
    expect(result.location).toBeNull();
    expect(result.text).toContain('unauthorize_client</strong> - Invalid client_id');
  });

  it('refuses a redirect_uri that differs from the registered one, even by a trailing slash', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { redirect_uri: `${DEMO.callback}/` }));
    expect(result.status).toBe(400);
    expect(result.location).toBeNull();
    expect(result.text).toContain('Invalid redirect_uri parameter value');
  });

  it('fills in the only registered redirect_uri when the request has none', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { redirect_uri: undefined, emulator_user: 'alice' }));
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^http:\/\/localhost:3000\/login\/callback\?code=/);
  });

  it('names a missing response_type, an unsupported one, and an unknown scope', async () => {
    expect((await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { response_type: undefined }))).text).toContain(
      'Missing response_type parameter value',
    );
    expect((await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { response_type: 'token' }))).text).toContain(
      'unsupported_response_type',
    );
    expect((await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { scope: 'activity steps' }))).text).toContain(
      'Invalid scope value: steps',
    );
  });

  it('checks the PKCE challenge length and method', async () => {
    expect((await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { code_challenge: 'short' }))).text).toContain(
      'must be between 43 and 128',
    );
    const challenge = 'a'.repeat(43);
    expect(
      (await page(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { code_challenge: challenge, code_challenge_method: 'S512' }))).text,
    ).toContain('Unsupported code_challenge_method');
  });

  it('escapes whatever the request echoes into the page', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'google-health', { redirect_uri: 'http://x/<script>alert(1)</script>' }));
    expect(result.text).not.toContain('<script>');
    expect(result.text).toContain('&lt;script&gt;');
  });
});

describe('Google authorize errors are shown on Google\'s page, never redirected', () => {
  it('answers an unknown client with 401 invalid_client', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'google-health', { client_id: 'unknown.apps.googleusercontent.com' }));
    expect(result.status).toBe(401);
    expect(result.location).toBeNull();
    expect(result.text).toContain('invalid_client');
  });

  it('answers a client of the other upstream as unknown', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'google-health', { client_id: DEMO.legacyServer.clientId }));
    expect(result.status).toBe(401);
  });

  it('answers a redirect_uri mismatch with redirect_uri_mismatch', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'google-health', { redirect_uri: 'https://evil.example/callback' }));
    expect(result.status).toBe(400);
    expect(result.location).toBeNull();
    expect(result.text).toContain('redirect_uri_mismatch');
  });

  it('requires redirect_uri even when only one is registered', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'google-health', { redirect_uri: undefined }));
    expect(result.text).toContain('Missing required parameter: redirect_uri');
  });

  it('accepts both spellings of a Health scope and refuses an unknown one', async () => {
    const readWrite = await page(
      buildAuthorizeUrl(emulator.url, 'google-health', { scope: 'openid https://www.googleapis.com/auth/googlehealth.profile', emulator_user: 'bob' }),
    );
    expect(readWrite.status).toBe(302);
    const unknown = await page(buildAuthorizeUrl(emulator.url, 'google-health', { scope: 'openid https://www.googleapis.com/auth/fitness.read' }));
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('invalid_scope');
  });

  it('refuses an access_type other than online or offline', async () => {
    const result = await page(buildAuthorizeUrl(emulator.url, 'google-health', { access_type: 'forever' }));
    expect(result.text).toContain('Invalid access_type');
  });
});

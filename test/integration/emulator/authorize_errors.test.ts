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
});

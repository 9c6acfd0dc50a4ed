import { describe, expect, it } from '@jest/globals';
import { DEMO, GOOGLE_HEALTH, authorizeRedirect, basicAuth, buildAuthorizeUrl, emulatorEndpoints, googleLogin, postForm } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const PROFILE = 'https://www.googleapis.com/auth/userinfo.profile';
const ACTIVITY = `${GOOGLE_HEALTH}activity_and_fitness.readonly`;

const scopeSet = (value: unknown) => String(value).split(' ').sort();

describe("Google's spelling of the granted sign-in scopes", () => {
  it('answers the code exchange and the refresh with the userinfo URLs for `email profile`', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice', scopes: ['openid', 'email', 'profile', ACTIVITY] });
    expect(scopeSet(tokens.body.scope)).toEqual(['openid', EMAIL, PROFILE, ACTIVITY].sort());

    const refreshed = await postForm(
      emulatorEndpoints(emulator.url).google.token,
      { grant_type: 'refresh_token', refresh_token: String(tokens.body.refresh_token) },
      basicAuth(DEMO.googleServer.clientId, DEMO.googleServer.clientSecret),
    );
    expect(scopeSet((refreshed.body as Record<string, unknown>).scope)).toEqual(['openid', EMAIL, PROFILE, ACTIVITY].sort());
  });

  it('lists both spellings in the authorize redirect', async () => {
    const url = new URL(buildAuthorizeUrl(emulator.url, 'google-health', { scope: `openid email profile ${ACTIVITY}` }));
    url.searchParams.set('emulator_user', 'bob');
    const redirect = await authorizeRedirect(url.href);
    expect(scopeSet(redirect.searchParams.get('scope'))).toEqual(['email', 'profile', 'openid', EMAIL, PROFILE, ACTIVITY].sort());
  });

  it('grants openid, and so an id_token, with `email` even when openid was not asked for', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'carol', scopes: ['email', ACTIVITY] });
    expect(scopeSet(tokens.body.scope)).toEqual(['openid', EMAIL, ACTIVITY].sort());
    expect(tokens.body.id_token).toEqual(expect.any(String));
  });

  it('lets prompt=none through once `email profile` were granted under their other spelling', async () => {
    await googleLogin(emulator.url, { user: 'alice', scopes: ['openid', 'email', 'profile', ACTIVITY] });
    const redirect = await authorizeRedirect(
      buildAuthorizeUrl(emulator.url, 'google-health', { scope: `openid email profile ${ACTIVITY}`, prompt: 'none', emulator_user: 'alice' }),
    );
    expect(redirect.searchParams.get('error')).toBeNull();
    expect(redirect.searchParams.get('code')).toEqual(expect.any(String));
  });
});

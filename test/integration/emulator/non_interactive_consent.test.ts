import { describe, expect, it } from '@jest/globals';
import { GOOGLE_HEALTH, approvedRedirect, approveUrl, authorizeRedirect, buildAuthorizeUrl, denyUrl, legacyLogin } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

describe('non-interactive consent through emulator_* query parameters', () => {
  it('approves every requested scope for the named user', async () => {
    const tokens = await legacyLogin(emulator.url, { user: 'alice', scopes: ['activity', 'profile'] });
    expect(tokens.status).toBe(200);
    expect(tokens.body.scope).toBe('activity profile');
    expect(tokens.body.user_id).toBe('GGNJL9');
  });

  it('grants only the subset named in emulator_scopes', async () => {
    const tokens = await legacyLogin(emulator.url, { user: 'bob', scopes: ['activity', 'profile', 'sleep'], grant: ['sleep'] });
    expect(tokens.body.scope).toBe('sleep');
  });

  it('denies with error=access_denied and the state', async () => {
    const redirect = await authorizeRedirect(denyUrl(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { state: 's-1' }), 'alice'));
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('s-1');
  });

  it('always keeps Google\'s sign-in scopes in a Google subset', async () => {
    const redirect = await authorizeRedirect(
      approveUrl(buildAuthorizeUrl(emulator.url, 'google-health', { scope: `openid email ${GOOGLE_HEALTH}sleep.readonly ${GOOGLE_HEALTH}profile.readonly` }), {
        user: 'bob',
        scopes: [`${GOOGLE_HEALTH}sleep.readonly`],
      }),
    );
    expect(redirect.searchParams.get('scope')?.split(' ').sort()).toEqual(
      ['email', 'openid', 'https://www.googleapis.com/auth/userinfo.email', `${GOOGLE_HEALTH}sleep.readonly`].sort(),
    );
  });

  it('shows a page for an unknown test user instead of redirecting', async () => {
    const response = await fetch(approveUrl(buildAuthorizeUrl(emulator.url, 'fitbit-legacy'), { user: 'mallory' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('There is no test user');
  });
});

describe('auto-consent', () => {
  it('answers every authorize request at once once set through control', async () => {
    emulator.control.setAutoConsent({ user: 'carol', decision: 'approve', scopes: ['profile'] });
    const redirect = await authorizeRedirect(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { scope: 'activity profile' }));
    expect(redirect.searchParams.get('code')).toBeTruthy();
  });

  it('is set and cleared over HTTP at /_emulator/auto-consent', async () => {
    const set = await fetch(`${emulator.url}/_emulator/auto-consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'alice', decision: 'deny' }),
    });
    expect(set.status).toBe(204);
    const redirect = await authorizeRedirect(buildAuthorizeUrl(emulator.url, 'google-health'));
    expect(redirect.searchParams.get('error')).toBe('access_denied');

    expect((await fetch(`${emulator.url}/_emulator/auto-consent`, { method: 'DELETE' })).status).toBe(204);
    const page = await fetch(buildAuthorizeUrl(emulator.url, 'google-health'), { redirect: 'manual' });
    expect(page.status).toBe(200);
  });

  it('refuses an auto-consent user that does not exist', async () => {
    expect(() => emulator.control.setAutoConsent({ user: 'nobody', decision: 'approve' })).toThrow('no test user');
  });

  it('lets query parameters win over auto-consent', async () => {
    emulator.control.setAutoConsent({ user: 'alice', decision: 'deny' });
    const redirect = await approvedRedirect(emulator.url, 'fitbit-legacy', 'bob');
    expect(redirect.searchParams.get('code')).toBeTruthy();
  });
});

describe('prompt=none', () => {
  it('returns login_required when no user is chosen', async () => {
    const redirect = await authorizeRedirect(buildAuthorizeUrl(emulator.url, 'google-health', { prompt: 'none' }));
    expect(redirect.searchParams.get('error')).toBe('login_required');
  });

  it('returns consent_required before the first consent and a code after it', async () => {
    const url = buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { prompt: 'none', emulator_user: 'alice' });
    expect((await authorizeRedirect(url)).searchParams.get('error')).toBe('consent_required');
    await legacyLogin(emulator.url, { user: 'alice' });
    expect((await authorizeRedirect(url)).searchParams.get('code')).toBeTruthy();
  });
});

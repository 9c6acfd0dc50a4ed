import { describe, expect, it } from '@jest/globals';
import {
  DEMO,
  basicAuth,
  emulatorEndpoints,
  getJson,
  googleLogin,
  legacyLogin,
  postForm,
} from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const endpoints = () => emulatorEndpoints(emulator.url);
const legacyAuth = () => basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret);

describe('legacy revocation', () => {
  it('ends every token of that user for that app, whichever token is revoked', async () => {
    const first = await legacyLogin(emulator.url, { user: 'alice' });
    const second = await legacyLogin(emulator.url, { user: 'alice' });
    const revoke = await postForm(endpoints().legacy.revoke, { token: String(first.body.refresh_token) }, legacyAuth());
    expect(revoke.status).toBe(200);

    for (const token of [first.body.access_token, second.body.access_token]) {
      const profile = await getJson(endpoints().legacy.profile, String(token));
      expect(profile.status).toBe(401);
      expect(profile.body).toMatchObject({ errors: [{ errorType: 'invalid_token' }] });
    }
    const refresh = await postForm(endpoints().legacy.token, { grant_type: 'refresh_token', refresh_token: String(second.body.refresh_token) }, legacyAuth());
    expect(refresh.body).toMatchObject({ errors: [{ errorType: 'invalid_grant' }] });
    expect(emulator.control.counters()['fitbit-legacy'].revocations).toBe(1);
  });

  it('leaves the same user\'s tokens for other apps and other users\' tokens alone', async () => {
    const revoked = await legacyLogin(emulator.url, { user: 'alice' });
    const otherApp = await legacyLogin(emulator.url, { user: 'alice', app: DEMO.legacyClient });
    const otherUser = await legacyLogin(emulator.url, { user: 'bob' });
    await postForm(endpoints().legacy.revoke, { token: String(revoked.body.access_token) }, legacyAuth());
    expect((await getJson(endpoints().legacy.profile, String(otherApp.body.access_token))).status).toBe(200);
    expect((await getJson(endpoints().legacy.profile, String(otherUser.body.access_token))).status).toBe(200);
  });

  it('requires the app\'s own credentials', async () => {
    const tokens = await legacyLogin(emulator.url, { user: 'alice' });
    const result = await postForm(endpoints().legacy.revoke, { token: String(tokens.body.access_token) });
    expect(result.status).toBe(401);
    expect((await getJson(endpoints().legacy.profile, String(tokens.body.access_token))).status).toBe(200);
  });
});

describe('Google revocation', () => {
  it('revoking the access token also ends the refresh token, with 200 and an empty body', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice' });
    const revoke = await postForm(endpoints().google.revoke, { token: String(tokens.body.access_token) });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toBeUndefined();
    const refresh = await postForm(endpoints().google.token, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.body.refresh_token),
      client_id: DEMO.googleServer.clientId,
      client_secret: DEMO.googleServer.clientSecret,
    });
    expect(refresh.body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect((await getJson(endpoints().google.identity, String(tokens.body.access_token))).status).toBe(401);
  });

  it('answers a token that is already revoked with 400 invalid_token', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice' });
    await postForm(endpoints().google.revoke, { token: String(tokens.body.refresh_token) });
    const again = await postForm(endpoints().google.revoke, { token: String(tokens.body.refresh_token) });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_token' });
  });
});

describe('control.revokeUserGrants', () => {
  it('revokes one user\'s grants to one app, or to every app', async () => {
    const legacy = await legacyLogin(emulator.url, { user: 'carol' });
    const google = await googleLogin(emulator.url, { user: 'carol' });
    expect(emulator.control.revokeUserGrants('carol', DEMO.legacyServer.clientId)).toBe(1);
    expect((await getJson(endpoints().legacy.profile, String(legacy.body.access_token))).status).toBe(401);
    expect((await getJson(endpoints().google.identity, String(google.body.access_token))).status).toBe(200);
    expect(emulator.control.revokeUserGrants('carol')).toBe(1);
    expect((await getJson(endpoints().google.identity, String(google.body.access_token))).status).toBe(401);
  });
});

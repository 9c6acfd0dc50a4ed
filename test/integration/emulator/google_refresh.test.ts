import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { DEMO, basicAuth, emulatorEndpoints, googleLogin, postForm } from '../../support/emulator.js';
import { recordedAnswer } from '../../support/recorded_answers.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

function refresh(refreshToken: unknown) {
  return postForm(
    emulatorEndpoints(emulator.url).google.token,
    { grant_type: 'refresh_token', refresh_token: String(refreshToken) },
    basicAuth(DEMO.googleServer.clientId, DEMO.googleServer.clientSecret),
  );
}

describe('Google issues refresh tokens sparingly', () => {
  it('issues none without access_type=offline', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice', params: { access_type: undefined } });
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeUndefined();
  });

  it('issues one on the first offline consent and none on the next', async () => {
    const first = await googleLogin(emulator.url, { user: 'alice' });
    expect(first.body.refresh_token).toEqual(expect.stringMatching(/^1\/\//));
    const second = await googleLogin(emulator.url, { user: 'alice' });
    expect(second.body.refresh_token).toBeUndefined();
  });

  it('issues one again with prompt=consent', async () => {
    await googleLogin(emulator.url, { user: 'alice' });
    const forced = await googleLogin(emulator.url, { user: 'alice', params: { prompt: 'consent' } });
    expect(forced.body.refresh_token).toEqual(expect.any(String));
  });

  it('issues one again after the user revoked the app', async () => {
    await googleLogin(emulator.url, { user: 'alice' });
    emulator.control.revokeUserGrants('alice');
    expect((await googleLogin(emulator.url, { user: 'alice' })).body.refresh_token).toEqual(expect.any(String));
  });
});

describe('a Google refresh', () => {
  it('returns a new access token and id_token but no new refresh token, and the old one keeps working', async () => {
    const first = await googleLogin(emulator.url, { user: 'bob' });
    const refreshed = await refresh(first.body.refresh_token);
    expect(refreshed.status).toBe(200);
    const body = refreshed.body as Record<string, unknown>;
    expect(body.refresh_token).toBeUndefined();
    expect(body.access_token).not.toBe(first.body.access_token);
    expect(body.expires_in).toBe(3599);
    expect(decodeJwt(String(body.id_token))).toMatchObject({ email: 'bob@example.com', iss: 'https://accounts.google.com' });
    expect((await refresh(first.body.refresh_token)).status).toBe(200);
    expect(emulator.control.counters()['google-health'].refreshes).toBe(2);
  });

  it("answers another client's refresh token as Google does: 401 unauthorized_client", async () => {
    const other = { clientId: '9876543210-other.apps.googleusercontent.com', clientSecret: 'other-secret' };
    emulator.control.registerApp({ ...other, type: 'server', api: 'google-health', redirectUris: [DEMO.callback] });
    const tokens = await googleLogin(emulator.url, { user: 'bob' });
    const result = await postForm(
      emulatorEndpoints(emulator.url).google.token,
      { grant_type: 'refresh_token', refresh_token: String(tokens.body.refresh_token) },
      basicAuth(other.clientId, other.clientSecret),
    );
    const recorded = recordedAnswer('google/token_error_unauthorized_client.json');
    expect({ status: result.status, body: result.body }).toEqual({ status: recorded.status, body: recorded.body });
    expect((await refresh(tokens.body.refresh_token)).status).toBe(200);
  });

  it('answers an unknown refresh token with invalid_grant "Token has been expired or revoked."', async () => {
    const result = await refresh('1//not-a-token');
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });
});

describe('Google refresh token lifetime', () => {
  it('ends after six months unused, but not while in use', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice' });
    emulator.control.advanceClock(150 * 86_400);
    expect((await refresh(tokens.body.refresh_token)).status).toBe(200);
    emulator.control.advanceClock(150 * 86_400);
    expect((await refresh(tokens.body.refresh_token)).status).toBe(200);
    emulator.control.advanceClock(184 * 86_400);
    expect((await refresh(tokens.body.refresh_token)).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('ends after 7 days for an app still in Testing status', async () => {
    emulator.control.registerApp({
      clientId: DEMO.googleServer.clientId,
      clientSecret: DEMO.googleServer.clientSecret,
      type: 'server',
      api: 'google-health',
      redirectUris: [DEMO.callback],
      testing: true,
    });
    const tokens = await googleLogin(emulator.url, { user: 'alice' });
    emulator.control.advanceClock(6 * 86_400);
    expect((await refresh(tokens.body.refresh_token)).status).toBe(200);
    emulator.control.advanceClock(2 * 86_400);
    expect((await refresh(tokens.body.refresh_token)).body).toMatchObject({ error: 'invalid_grant' });
  });
});

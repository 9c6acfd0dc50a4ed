import { describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { DEMO, GOOGLE_HEALTH, emulatorEndpoints, getJson, googleLogin } from '../../support/emulator.js';
import { recordedAnswer } from '../../support/recorded_answers.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const endpoints = () => emulatorEndpoints(emulator.url).google;

describe('Google id_token', () => {
  it('verifies against the JWKS and carries Google\'s claims, the nonce and the profile', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice', params: { nonce: 'n-123' } });
    const jwks = createRemoteJWKSet(new URL(endpoints().jwks));
    const { payload, protectedHeader } = await jwtVerify(String(tokens.body.id_token), jwks, {
      issuer: 'https://accounts.google.com',
      audience: DEMO.googleServer.clientId,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: '108234567890123456789',
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Runner',
      given_name: 'Alice',
      family_name: 'Runner',
      nonce: 'n-123',
    });
    expect(payload.picture).toEqual(expect.any(String));
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it('leaves out email claims without the email scope and profile claims without profile', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'carol', scopes: ['openid', `${GOOGLE_HEALTH}sleep.readonly`] });
    const jwks = createRemoteJWKSet(new URL(endpoints().jwks));
    const { payload } = await jwtVerify(String(tokens.body.id_token), jwks, { issuer: 'https://accounts.google.com' });
    expect(payload).not.toHaveProperty('email');
    expect(payload).not.toHaveProperty('name');
    expect(payload).not.toHaveProperty('nonce');
  });

  it('is not issued when no sign-in scope was granted', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice', scopes: [`${GOOGLE_HEALTH}sleep.readonly`] });
    expect(tokens.body.id_token).toBeUndefined();
  });
});

describe('Google userinfo', () => {
  it('refuses a missing, unknown or expired token in its own words, not UNAUTHENTICATED', async () => {
    const recorded = recordedAnswer('google/api_error_userinfo_invalid_credentials.json');
    const tokens = await googleLogin(emulator.url, { user: 'bob' });
    emulator.control.expireAccessTokens({ login: 'bob' });
    for (const token of [undefined, 'ya29.not-a-token', String(tokens.body.access_token)]) {
      const result = await getJson(endpoints().userinfo, token);
      expect({ token, status: result.status, body: result.body }).toEqual({ token, status: recorded.status, body: recorded.body });
    }
  });

  it('returns sub, the profile and the email by scope', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'carol' });
    const result = await getJson(endpoints().userinfo, String(tokens.body.access_token));
    expect(result.body).toEqual({
      sub: '108234567890123456791',
      name: 'Carol Swimmer',
      given_name: 'Carol',
      family_name: 'Swimmer',
      picture: expect.any(String),
      email: 'carol@example.org',
      email_verified: false,
    });
  });
});

describe('Google Health identity and profile', () => {
  it('returns both ids from /identity for any read scope of the listed areas', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice', scopes: ['openid', `${GOOGLE_HEALTH}sleep.readonly`] });
    const result = await getJson(endpoints().identity, String(tokens.body.access_token));
    expect(result.body).toEqual({ name: 'users/me/identity', legacyUserId: 'GGNJL9', healthUserId: 'alice-4f1c2b7e' });
  });

  it('answers /identity with 403 PERMISSION_DENIED, reason ACCESS_TOKEN_SCOPE_INSUFFICIENT, when only sign-in scopes were granted', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'alice', scopes: ['openid', 'email', `${GOOGLE_HEALTH}sleep.readonly`], grant: [] });
    const result = await getJson(endpoints().identity, String(tokens.body.access_token));
    const recorded = recordedAnswer('google/api_error_scope_insufficient.json');
    expect(result.status).toBe(recorded.status);
    expect(result.body).toEqual(recorded.body);
  });

  it('returns /profile with the profile scope, in either spelling', async () => {
    const tokens = await googleLogin(emulator.url, { user: 'bob', scopes: ['openid', `${GOOGLE_HEALTH}profile`] });
    const result = await getJson(endpoints().profile, String(tokens.body.access_token));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ name: 'users/me/profile', age: expect.any(Number), membershipStartDate: '2019-11-15' });
  });

  it('answers 401 UNAUTHENTICATED for a missing or expired token', async () => {
    const none = await getJson(endpoints().identity);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    const tokens = await googleLogin(emulator.url, { user: 'bob' });
    emulator.control.expireAccessTokens({ login: 'bob' });
    expect((await getJson(endpoints().identity, String(tokens.body.access_token))).status).toBe(401);
  });
});

describe('Google Health refusing an account or a project, as Google documents it', () => {
  /** Replaces a test user or the demo web app through the admin API, as a developer would. */
  async function admin(path: '/users' | '/apps', body: object): Promise<void> {
    const response = await fetch(`${emulator.url}/_emulator${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
  }
  const user = (login: string) => emulator.control.users().find((candidate) => candidate.login === login)!;
  const webApp = () => emulator.control.apps().find((app) => app.clientId === DEMO.googleServer.clientId)!;

  it.each([
    ['not-linked', 'google/api_error_account_not_linked.json'],
    ['legacy-fitbit-consent', 'google/api_error_legacy_fitbit_consent.json'],
  ] as const)('answers a %s user on every Health call, while sign-in, tokens and userinfo still work', async (googleHealth, path) => {
    await admin('/users', { ...user('bob'), googleHealth });
    const tokens = await googleLogin(emulator.url, { user: 'bob' });
    expect(tokens.status).toBe(200);
    const token = String(tokens.body.access_token);
    const recorded = recordedAnswer(path);

    for (const url of [endpoints().identity, endpoints().dataPoints('steps')]) {
      const result = await getJson(url, token);
      expect({ url, status: result.status, body: result.body }).toEqual({ url, status: recorded.status, body: recorded.body });
    }
    expect((await getJson(endpoints().userinfo, token)).status).toBe(200);
    expect((await getJson(endpoints().identity, String((await googleLogin(emulator.url, { user: 'alice' })).body.access_token))).status).toBe(200);
  });

  it('answers 403 SERVICE_DISABLED naming the project for an app whose project has not enabled the Google Health API', async () => {
    await admin('/apps', { ...webApp(), healthApiEnabled: false });
    const token = String((await googleLogin(emulator.url, { user: 'alice' })).body.access_token);

    const result = await getJson(endpoints().identity, token);
    const recorded = recordedAnswer('google/api_error_service_disabled.json');
    expect(result.status).toBe(recorded.status);
    expect(result.body).toEqual(recorded.body);
  });

  it('refuses the flags where they mean nothing, naming the field', async () => {
    expect(() => emulator.control.addUser({ ...user('bob'), googleHealth: 'maybe' as never })).toThrow(/^googleHealth: /);
    const legacy = emulator.control.apps().find((app) => app.clientId === DEMO.legacyServer.clientId)!;
    expect(() => emulator.control.registerApp({ ...legacy, healthApiEnabled: false })).toThrow('healthApiEnabled: only google-health apps call the Google Health API');
  });
});

describe('Google Health data points', () => {
  it('pages through steps with pageSize and nextPageToken', async () => {
    const token = String((await googleLogin(emulator.url, { user: 'alice' })).body.access_token);
    const first = await getJson(`${endpoints().dataPoints('steps')}?pageSize=10`, token);
    const page1 = first.body as { dataPoints: { name: string; steps: { count: string } }[]; nextPageToken: string };
    expect(page1.dataPoints).toHaveLength(10);
    expect(page1.dataPoints[0]?.steps.count).toMatch(/^\d+$/);
    const second = await getJson(`${endpoints().dataPoints('steps')}?pageSize=10&pageToken=${page1.nextPageToken}`, token);
    const page2 = second.body as { dataPoints: { name: string }[] };
    expect(page2.dataPoints[0]?.name).not.toBe(page1.dataPoints[0]?.name);
  });

  it('serves exercise sessions and heart-rate samples, each behind its own scope', async () => {
    const activity = String((await googleLogin(emulator.url, { user: 'bob' })).body.access_token);
    const exercise = await getJson(`${endpoints().dataPoints('exercise')}?pageSize=1`, activity);
    expect(exercise.body).toMatchObject({ dataPoints: [{ exercise: { exerciseType: expect.any(String), interval: expect.any(Object) } }] });
    const heart = await getJson(endpoints().dataPoints('heart-rate'), activity);
    expect(heart.status).toBe(403);

    const metrics = await googleLogin(emulator.url, {
      user: 'bob',
      scopes: ['openid', `${GOOGLE_HEALTH}health_metrics_and_measurements.readonly`],
      params: { prompt: 'consent' },
    });
    const samples = await getJson(`${endpoints().dataPoints('heart-rate')}?pageSize=2`, String(metrics.body.access_token));
    expect(samples.body).toMatchObject({ dataPoints: [{ heartRate: { beatsPerMinute: expect.any(Number) } }, expect.any(Object)] });
  });

  it('refuses a bad pageSize or pageToken with 400 INVALID_ARGUMENT and an unknown data type with 404', async () => {
    const token = String((await googleLogin(emulator.url, { user: 'alice' })).body.access_token);
    expect((await getJson(`${endpoints().dataPoints('steps')}?pageSize=0`, token)).body).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
    expect((await getJson(`${endpoints().dataPoints('steps')}?pageToken=%21%21`, token)).status).toBe(400);
    expect((await getJson(endpoints().dataPoints('moods'), token)).body).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});

import { describe, expect, it } from '@jest/globals';
import { DEMO, emulatorEndpoints, getJson, googleLogin, legacyLogin } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const endpoints = () => emulatorEndpoints(emulator.url).legacy;

async function accessToken(scopes: string[], user = 'alice'): Promise<string> {
  return String((await legacyLogin(emulator.url, { user, scopes })).body.access_token);
}

describe('legacy profile', () => {
  it('returns the user under "user" with encodedId and no email', async () => {
    const result = await getJson(endpoints().profile, await accessToken(['profile']));
    expect(result.status).toBe(200);
    const user = (result.body as { user: Record<string, unknown> }).user;
    expect(user).toMatchObject({ encodedId: 'GGNJL9', displayName: 'Alice R.', fullName: 'Alice Runner', firstName: 'Alice' });
    expect(user.avatar150).toEqual(expect.stringContaining('_150.'));
    expect(user).not.toHaveProperty('email');
  });

  it('answers 403 insufficient_scope when profile was not granted', async () => {
    const result = await getJson(endpoints().profile, await accessToken(['activity']));
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'insufficient_scope' }], success: false });
  });

  it('answers the user\'s own encoded id in the path like "-", and refuses another user\'s', async () => {
    const token = await accessToken(['profile']);
    expect((await getJson(endpoints().profile.replace('/user/-/', '/user/GGNJL9/'), token)).status).toBe(200);
    expect((await getJson(endpoints().profile.replace('/user/-/', '/user/B0BW4K/'), token)).status).toBe(403);
  });
});

describe('legacy access tokens', () => {
  it('answers 401 invalid_token for an unknown token and for none at all', async () => {
    expect((await getJson(endpoints().profile, 'bogus')).body).toMatchObject({ errors: [{ errorType: 'invalid_token' }] });
    const none = await getJson(endpoints().profile);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('answers 401 expired_token after the access token expired', async () => {
    const token = await accessToken(['profile']);
    emulator.control.advanceClock(28_801);
    const result = await getJson(endpoints().profile, token);
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ errors: [{ errorType: 'expired_token', message: 'Access token expired.' }], success: false });
  });

  it('treats a Google token as invalid on the Fitbit API', async () => {
    const google = await googleLogin(emulator.url, { user: 'alice' });
    expect((await getJson(endpoints().profile, String(google.body.access_token))).status).toBe(401);
  });
});

describe('legacy activity log list', () => {
  it('lists activities after a date, ascending, with pagination', async () => {
    const token = await accessToken(['activity']);
    const result = await getJson(`${endpoints().activities}?afterDate=2000-01-01&sort=asc&limit=5&offset=0`, token);
    expect(result.status).toBe(200);
    const body = result.body as { activities: Record<string, unknown>[]; pagination: Record<string, unknown> };
    expect(body.activities).toHaveLength(5);
    expect(body.activities[0]).toEqual(
      expect.objectContaining({ logId: expect.any(Number), activityName: expect.any(String), duration: expect.any(Number), steps: expect.any(Number) }),
    );
    const starts = body.activities.map((activity) => Date.parse(String(activity.startTime)));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(body.pagination).toMatchObject({ afterDate: '2000-01-01', limit: 5, sort: 'asc', previous: '' });
    expect(String(body.pagination.next)).toContain('/api.fitbit.com/1/user/-/activities/list.json?afterDate=');
  });

  it('gives the same data to the same user every time', async () => {
    const token = await accessToken(['activity']);
    const url = `${endpoints().activities}?beforeDate=2100-01-01&limit=3`;
    expect((await getJson(url, token)).body).toEqual((await getJson(url, token)).body);
  });

  it('refuses a limit over 100, a request with neither afterDate nor beforeDate, and a sort against the anchor, naming the field', async () => {
    const token = await accessToken(['activity']);
    expect((await getJson(`${endpoints().activities}?afterDate=2020-01-01&limit=101`, token)).body).toMatchObject({
      errors: [{ errorType: 'validation', fieldName: 'limit' }],
    });
    expect((await getJson(`${endpoints().activities}?limit=10`, token)).status).toBe(400);
    expect((await getJson(`${endpoints().activities}?beforeDate=2020-01-01&sort=asc`, token)).body).toMatchObject({
      errors: [{ errorType: 'validation', fieldName: 'sort' }],
    });
  });

  it('needs the activity scope', async () => {
    const result = await getJson(`${endpoints().activities}?afterDate=2020-01-01`, await accessToken(['profile']));
    expect(result.status).toBe(403);
  });
});

describe('legacy heart rate', () => {
  it('returns the day summary and 1440 one-minute readings', async () => {
    const result = await getJson(endpoints().heartRate('2026-01-15'), await accessToken(['heartrate']));
    expect(result.status).toBe(200);
    const body = result.body as {
      'activities-heart': unknown[];
      'activities-heart-intraday': { dataset: { time: string; value: number }[]; datasetInterval: number };
    };
    expect(body['activities-heart']).toEqual([
      expect.objectContaining({ dateTime: '2026-01-15', value: expect.objectContaining({ restingHeartRate: expect.any(Number) }) }),
    ]);
    expect(body['activities-heart-intraday'].dataset).toHaveLength(1440);
    expect(body['activities-heart-intraday'].dataset[61]).toEqual({ time: '01:01:00', value: expect.any(Number) });
  });

  it('answers 403 insufficient_permissions for an app without intraday access', async () => {
    emulator.control.registerApp({
      clientId: '23NOIN',
      clientSecret: 'secret-without-intraday',
      type: 'server',
      api: 'fitbit-legacy',
      redirectUris: [DEMO.callback],
      intraday: false,
    });
    const tokens = await legacyLogin(emulator.url, {
      user: 'alice',
      scopes: ['heartrate'],
      app: { clientId: '23NOIN', clientSecret: 'secret-without-intraday' },
    });
    const result = await getJson(endpoints().heartRate('today'), String(tokens.body.access_token));
    expect(result.status).toBe(403);
    expect(result.body).toMatchObject({ errors: [{ errorType: 'insufficient_permissions' }] });
  });

  it('needs the heartrate scope and a valid date', async () => {
    expect((await getJson(endpoints().heartRate('today'), await accessToken(['activity']))).status).toBe(403);
    expect((await getJson(endpoints().heartRate('yesterday'), await accessToken(['heartrate']))).body).toMatchObject({
      errors: [{ errorType: 'validation', fieldName: 'date' }],
    });
  });
});

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream, type FakeOAuth2UpstreamOptions } from '../../support/fake_oauth2_upstream.js';

/**
 * The fake upstream plugin tests rely on refuses what the real one would: were it to take a spent
 * code or a rotated-out refresh token, a plugin's test would pass where its users' logins fail.
 * Plain fetch over loopback, at the paths the host's port sends (/HOST/PATH).
 */
const REDIRECT_URI = 'http://localhost:3000/login/callback';

let upstream: FakeOAuth2Upstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function start(options: FakeOAuth2UpstreamOptions = {}): Promise<FakeOAuth2Upstream> {
  upstream = await startFakeOAuth2Upstream(options);
  return upstream;
}

/** Where the authorize endpoint sends the browser back, for `params` over a plain code request. */
async function authorize(fake: FakeOAuth2Upstream, params: Record<string, string> = {}): Promise<URL> {
  const url = new URL(`${fake.url}/authorize`);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: fake.clientId, redirect_uri: REDIRECT_URI, scope: 'read write', state: 's', ...params })) url.searchParams.set(name, value);
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!);
}

async function post(fake: FakeOAuth2Upstream, path: string, form: Record<string, string>) {
  const answer = await fetch(`${fake.url}${path}`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: answer.status, headers: answer.headers, body: (await answer.text().then((text) => (text ? JSON.parse(text) : {}))) as Record<string, unknown> };
}

const client = (fake: FakeOAuth2Upstream) => ({ client_id: fake.clientId, client_secret: fake.clientSecret });

async function exchange(fake: FakeOAuth2Upstream, code: string, extra: Record<string, string> = {}) {
  return post(fake, '/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...client(fake), ...extra });
}

async function tokensOf(fake: FakeOAuth2Upstream): Promise<{ access_token: string; refresh_token: string }> {
  const answer = await exchange(fake, (await authorize(fake)).searchParams.get('code')!);
  return answer.body as { access_token: string; refresh_token: string };
}

const refresh = (fake: FakeOAuth2Upstream, refreshToken: string) => post(fake, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken, ...client(fake) });

describe('the fake OAuth 2.0 upstream', () => {
  it('serves the real paths under the host’s name, beneath its base URL', async () => {
    const fake = await start({ host: 'www.strava.com', paths: { token: '/api/v3/oauth/token' } });
    expect(fake.url).toBe(`${fake.baseUrl}/www.strava.com`);
    expect(fake.endpoints.token).toBe('https://www.strava.com/api/v3/oauth/token');
    expect((await post(fake, '/token', {})).status).toBe(404);
    expect((await post(fake, '/api/v3/oauth/token', client(fake))).body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('exchanges a code once, with the authorize request’s redirect_uri only', async () => {
    const fake = await start({ redirectUris: [REDIRECT_URI] });
    const code = (await authorize(fake)).searchParams.get('code')!;
    expect((await exchange(fake, code, { redirect_uri: 'http://localhost:3000/other' })).body).toMatchObject({ error: 'invalid_grant' });
    // The failed attempt spent it too.
    expect((await exchange(fake, code)).body).toMatchObject({ error: 'invalid_grant' });
    const fresh = (await authorize(fake)).searchParams.get('code')!;
    expect((await exchange(fake, fresh)).body).toMatchObject({ token_type: 'Bearer', scope: 'read write' });
    expect((await exchange(fake, fresh)).body).toMatchObject({ error: 'invalid_grant' });
    const unregistered = await fetch(`${fake.url}/authorize?response_type=code&client_id=${fake.clientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`, { redirect: 'manual' });
    expect(unregistered.status).toBe(400);
  });

  it('checks the PKCE verifier, and with pkce "required" refuses an authorize request without a challenge', async () => {
    const fake = await start({ pkce: 'required' });
    expect((await authorize(fake)).searchParams.get('error')).toBe('invalid_request');
    const verifier = 'a-verifier-long-enough-for-the-test-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = (await authorize(fake, { code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    expect((await exchange(fake, code, { code_verifier: 'another' })).body).toMatchObject({ error: 'invalid_grant' });
    const again = (await authorize(fake, { code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    expect((await exchange(fake, again, { code_verifier: verifier })).status).toBe(200);
  });

  it('joins scopes with its separator and reports the grant on the callback instead of the token answer', async () => {
    const fake = await start({ scopeSeparator: ',', grantReportedOn: 'callback', grant: (asked) => asked.slice(0, 1) });
    const back = await authorize(fake, { scope: 'read,activity:read_all' });
    expect(back.searchParams.get('scope')).toBe('read');
    expect((await exchange(fake, back.searchParams.get('code')!)).body).not.toHaveProperty('scope');
  });

  it.each([
    ['rotate', (old: string, answer: Record<string, unknown>) => expect(answer.refresh_token).not.toBe(old), 'invalid_grant'],
    ['same', (old: string, answer: Record<string, unknown>) => expect(answer.refresh_token).toBe(old), undefined],
    ['omitted', (_old: string, answer: Record<string, unknown>) => expect(answer).not.toHaveProperty('refresh_token'), undefined],
  ] as const)('answers a refresh with refreshTokens "%s", and then treats the old refresh token as that asks', async (refreshTokens, checkAnswer, oldOneAfter) => {
    const fake = await start({ refreshTokens });
    const { refresh_token: old } = await tokensOf(fake);
    const answer = await refresh(fake, old);
    expect(answer.status).toBe(200);
    checkAnswer(old, answer.body);
    expect((await refresh(fake, old)).body.error).toBe(oldOneAfter);
  });

  it('words refusals with errorAnswer, and sends a queued answer (a 429 with its headers) once instead of its own', async () => {
    const fake = await start({ errorAnswer: ({ error, status }) => ({ status, body: { message: 'Bad Request', errors: [{ code: error }] } }) });
    expect((await refresh(fake, 'unknown')).body).toEqual({ message: 'Bad Request', errors: [{ code: 'invalid_grant' }] });
    const { refresh_token: refreshToken } = await tokensOf(fake);
    fake.queueAnswer('token', { status: 429, headers: { 'x-ratelimit-limit': '100,1000', 'x-ratelimit-usage': '101,300' }, body: { message: 'Rate Limit Exceeded' } });
    const limited = await refresh(fake, refreshToken);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-usage')).toBe('101,300');
    expect(limited.body).toEqual({ message: 'Rate Limit Exceeded' });
    expect((await refresh(fake, refreshToken)).status).toBe(200);
  });

  it('revokes the whole grant, RFC 7009 style by default: the client authenticated, either token, an unknown one answered 200', async () => {
    const fake = await start();
    const { access_token: accessToken, refresh_token: refreshToken } = await tokensOf(fake);
    expect((await post(fake, '/revoke', { token: refreshToken })).status).toBe(401);
    expect((await post(fake, '/revoke', { token: 'unknown', ...client(fake) })).status).toBe(200);
    expect((await post(fake, '/revoke', { token: refreshToken, ...client(fake) })).status).toBe(200);
    expect((await fetch(`${fake.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
    expect((await refresh(fake, refreshToken)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('revokes only with a live access token, under its own parameter and without the client, when asked to (Strava’s deauthorize)', async () => {
    const fake = await start({ revocation: { tokenParameter: 'access_token', accepts: 'access', clientAuthentication: false } });
    const expired = await tokensOf(fake);
    fake.expireAccessTokens();
    expect((await post(fake, '/revoke', { access_token: expired.access_token })).status).toBe(401);
    expect((await post(fake, '/revoke', { access_token: expired.refresh_token })).status).toBe(401);
    const live = (await refresh(fake, expired.refresh_token)).body as { access_token: string; refresh_token: string };
    expect((await post(fake, '/revoke', { access_token: live.access_token })).status).toBe(200);
    expect((await refresh(fake, live.refresh_token)).body).toMatchObject({ error: 'invalid_grant' });
    expect(fake.revokeRequests.map((form) => form.has('access_token'))).toEqual([true, true, true]);
  });

  it('wraps every answer in an envelope and refuses with HTTP 200 too, when asked to (Withings)', async () => {
    const fake = await start({ envelope: true });
    const code = (await authorize(fake)).searchParams.get('code')!;
    const issued = await exchange(fake, code);
    expect(issued).toMatchObject({ status: 200, body: { status: 0, body: { access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'Bearer' } } });
    const { access_token: accessToken, refresh_token: refreshToken } = issued.body.body as { access_token: string; refresh_token: string };
    const me = await fetch(`${fake.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect({ status: me.status, body: await me.json() }).toEqual({ status: 200, body: { status: 0, body: { id: 'athlete-7', firstname: 'Ada', lastname: 'Lovelace' } } });
    expect(await exchange(fake, code)).toEqual({ status: 200, headers: expect.anything(), body: { status: 400, error: 'invalid_grant: The code is unknown or was used already.' } });
    expect(await post(fake, '/revoke', { token: refreshToken, ...client(fake) })).toMatchObject({ status: 200, body: { status: 0, body: {} } });
    expect(await refresh(fake, refreshToken)).toMatchObject({ status: 200, body: { status: 400, error: expect.stringMatching(/^invalid_grant: /) } });
  });
});

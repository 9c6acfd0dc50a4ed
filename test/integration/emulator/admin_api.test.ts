import { describe, expect, it } from '@jest/globals';
import {
  DEMO,
  approvedRedirect,
  basicAuth,
  emulatorEndpoints,
  legacyLogin,
  postForm,
} from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';
import { createEmulator } from '../../../src/emulator/index.js';

const emulator = useEmulator();

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const newUser = {
  login: 'dave',
  legacyUserId: 'D4VE22',
  healthUserId: 'dave-1',
  displayName: 'Dave',
  fullName: 'Dave Diver',
  email: 'dave@example.com',
  avatar: 'https://example.com/dave.png',
};

describe('admin API over HTTP', () => {
  it('registers an app and a user that can then sign in', async () => {
    const app = await admin('POST', '/apps', {
      clientId: '23NEWA',
      clientSecret: 'new-app-secret',
      type: 'server',
      api: 'fitbit-legacy',
      redirectUris: ['http://127.0.0.1:9999/cb'],
    });
    expect(app.status).toBe(201);
    expect((await admin('POST', '/users', newUser)).status).toBe(201);
    expect((await admin('POST', '/apps/23NEWA/redirect-uris', { redirectUri: DEMO.callback })).body).toMatchObject({
      redirectUris: ['http://127.0.0.1:9999/cb', DEMO.callback],
    });
    const tokens = await legacyLogin(emulator.url, { user: 'dave', app: { clientId: '23NEWA', clientSecret: 'new-app-secret' } });
    expect(tokens.body.user_id).toBe('D4VE22');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const noSecret = await admin('POST', '/apps', { clientId: 'x', type: 'server', api: 'fitbit-legacy', redirectUris: ['http://a/cb'] });
    expect(noSecret).toEqual({ status: 400, body: { error: 'invalid_request', message: 'clientSecret: server and personal apps need a clientSecret' } });
    const badUser = await admin('POST', '/users', { ...newUser, healthUserId: 'has spaces' });
    expect(badUser.status).toBe(400);
    expect((badUser.body as { message: string }).message).toMatch(/^healthUserId: /);
    const notJson = await fetch(`${emulator.url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('reads and changes settings', async () => {
    expect((await admin('GET', '/settings')).body).toMatchObject({
      codeTtlSeconds: 600,
      legacyRefreshReplayWindowSeconds: 120,
      legacyAccessTokenTtlSeconds: 28800,
      googleAccessTokenTtlSeconds: 3599,
      legacyRateLimitPerHour: 150,
      googleRateLimitPerMinute: 300,
    });
    expect((await admin('PATCH', '/settings', { codeTtlSeconds: 30 })).body).toMatchObject({ codeTtlSeconds: 30 });
    expect((await admin('PATCH', '/settings', { codeTtlSeconds: -1 })).status).toBe(400);
  });

  it('reports counters per upstream and resets everything', async () => {
    await legacyLogin(emulator.url, { user: 'alice' });
    const counters = (await admin('GET', '/counters')).body as Record<string, Record<string, number>>;
    expect(counters['fitbit-legacy']).toMatchObject({ authorizeRequests: 1, consentsApproved: 1, codeExchanges: 1 });
    expect(counters['google-health']).toMatchObject({ authorizeRequests: 0, codeExchanges: 0 });

    await admin('POST', '/users', newUser);
    expect((await admin('POST', '/reset')).status).toBe(204);
    expect(((await admin('GET', '/counters')).body as Record<string, Record<string, number>>)['fitbit-legacy']?.codeExchanges).toBe(0);
    expect(((await admin('GET', '/users')).body as { login: string }[]).map((user) => user.login)).not.toContain('dave');
  });

  it('revokes a user\'s grants and expires access tokens', async () => {
    await legacyLogin(emulator.url, { user: 'alice' });
    expect((await admin('POST', '/expire-access-tokens', { login: 'alice' })).body).toEqual({ expired: 1 });
    expect((await admin('POST', '/revoke', { login: 'alice' })).body).toEqual({ revokedGrants: 1 });
  });

  it('moves the clock on, so a code outlives its ten minutes', async () => {
    const redirect = await approvedRedirect(emulator.url, 'fitbit-legacy', 'alice');
    expect((await admin('POST', '/clock', { advanceSeconds: 601 })).status).toBe(204);
    const exchange = await postForm(
      emulatorEndpoints(emulator.url).legacy.token,
      { grant_type: 'authorization_code', code: redirect.searchParams.get('code') ?? '', redirect_uri: DEMO.callback },
      basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret),
    );
    expect(exchange.body).toMatchObject({ errors: [{ errorType: 'invalid_grant' }] });
    expect((await admin('POST', '/clock', { advanceSeconds: -1 })).status).toBe(400);
  });

  it('answers unknown admin paths with 404 JSON', async () => {
    expect(await admin('GET', '/nothing')).toEqual({ status: 404, body: { error: 'not_found', message: 'No such emulator admin endpoint.' } });
  });
});

describe('emulator options', () => {
  it('are checked like admin input when the emulator is created', () => {
    expect(() =>
      createEmulator({ apps: [{ clientId: 'x', type: 'personal', api: 'fitbit-legacy', redirectUris: [], clientSecret: 's' }] }),
    ).toThrow('ownerLogin: personal apps need an ownerLogin');
    expect(() => createEmulator({ settings: { codeTtlSeconds: 0 } })).toThrow('codeTtlSeconds');
  });
});

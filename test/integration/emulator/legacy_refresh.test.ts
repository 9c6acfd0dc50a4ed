import { describe, expect, it } from '@jest/globals';
import { DEMO, basicAuth, emulatorEndpoints, legacyLogin, postForm } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

async function refresh(refreshToken: unknown) {
  return postForm(
    emulatorEndpoints(emulator.url).legacy.token,
    { grant_type: 'refresh_token', refresh_token: String(refreshToken) },
    basicAuth(DEMO.legacyServer.clientId, DEMO.legacyServer.clientSecret),
  );
}

describe('legacy refresh tokens rotate', () => {
  it('returns a new access and refresh token, the same scopes and the user id', async () => {
    const first = await legacyLogin(emulator.url, { user: 'alice', scopes: ['activity', 'profile'] });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ scope: 'activity profile', token_type: 'Bearer', user_id: 'GGNJL9', expires_in: 28800 });
    const body = second.body as Record<string, unknown>;
    expect(body.refresh_token).not.toBe(first.body.refresh_token);
    expect(body.access_token).not.toBe(first.body.access_token);
    expect((await refresh(body.refresh_token)).status).toBe(200);
    expect(emulator.control.counters()['fitbit-legacy'].refreshes).toBe(2);
  });

  it('answers a refresh token of another app as invalid', async () => {
    const first = await legacyLogin(emulator.url, { user: 'alice', app: DEMO.legacyClient });
    const result = await refresh(first.body.refresh_token);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ errors: [{ errorType: 'invalid_grant', message: 'Refresh token invalid' }], success: false });
  });
});

describe('a legacy refresh token used again', () => {
  it('gets the very same response inside the replay window', async () => {
    const first = await legacyLogin(emulator.url, { user: 'alice' });
    const original = await refresh(first.body.refresh_token);
    emulator.control.advanceClock(119);
    const replay = await refresh(first.body.refresh_token);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(original.body);
    expect(emulator.control.counters()['fitbit-legacy']).toMatchObject({ refreshes: 1, refreshReplays: 1 });
  });

  it('gets 400 invalid_grant after the replay window', async () => {
    const first = await legacyLogin(emulator.url, { user: 'alice' });
    await refresh(first.body.refresh_token);
    emulator.control.advanceClock(121);
    const late = await refresh(first.body.refresh_token);
    expect(late.status).toBe(400);
    expect(late.body).toEqual({ errors: [{ errorType: 'invalid_grant', message: 'Refresh token invalid' }], success: false });
  });

  it('follows a replay window changed through settings, down to none at all', async () => {
    emulator.control.setSettings({ legacyRefreshReplayWindowSeconds: 0 });
    const first = await legacyLogin(emulator.url, { user: 'alice' });
    await refresh(first.body.refresh_token);
    emulator.control.advanceClock(1);
    expect((await refresh(first.body.refresh_token)).status).toBe(400);
  });

  it('gets 409 inside the window when the emulator is set to treat reuse as a concurrent refresh', async () => {
    emulator.control.setSettings({ legacyRefreshReplay: 'conflict' });
    const first = await legacyLogin(emulator.url, { user: 'alice' });
    const [a, b] = await Promise.all([refresh(first.body.refresh_token), refresh(first.body.refresh_token)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.body).toMatchObject({ errors: [{ errorType: 'conflict' }], success: false });
    expect(emulator.control.counters()['fitbit-legacy'].refreshConflicts).toBe(1);
  });

  it('still works as the rotated token while the old one is being replayed', async () => {
    const first = await legacyLogin(emulator.url, { user: 'alice' });
    const rotated = await refresh(first.body.refresh_token);
    await refresh(first.body.refresh_token);
    expect((await refresh((rotated.body as Record<string, unknown>).refresh_token)).status).toBe(200);
  });
});

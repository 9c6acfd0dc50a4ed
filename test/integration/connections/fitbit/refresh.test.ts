import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SETTINGS } from '../../../../src/emulator/index.js';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { demoTokenClient, demoTokens } from './token_client_setup.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => {
  emulator.control.setSettings({ ...DEFAULT_SETTINGS });
});
afterAll(() => emulator.close());

describe('refresh in fitbit-legacy mode', () => {
  it('returns the rotated refresh token, which works for the next refresh', async () => {
    const client = demoTokenClient(emulator, 'fitbit-legacy');
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    const first = await client.refresh(tokens.refreshToken);
    expect(first.refreshToken).toEqual(expect.any(String));
    expect(first.refreshToken).not.toBe(tokens.refreshToken);
    expect(first.accessToken).not.toBe(tokens.accessToken);
    expect(first).toMatchObject({ expiresIn: 28_800, grantedScopes: ['activity', 'heartrate', 'profile'] });
    const second = await client.refresh(first.refreshToken ?? '');
    expect(second.refreshToken).not.toBe(first.refreshToken);
  });

  it('gets the same answer again when the old refresh token is replayed inside the window', async () => {
    const client = demoTokenClient(emulator, 'fitbit-legacy');
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    const first = await client.refresh(tokens.refreshToken);
    const replays = emulator.control.counters()['fitbit-legacy'].refreshReplays;
    emulator.control.advanceClock(DEFAULT_SETTINGS.legacyRefreshReplayWindowSeconds - 10);
    const replayed = await client.refresh(tokens.refreshToken);
    expect(replayed).toEqual(first);
    expect(emulator.control.counters()['fitbit-legacy'].refreshReplays).toBe(replays + 1);
  });

  it('rejects the old refresh token outside the window as invalid_grant, and the rotated one still works', async () => {
    const client = demoTokenClient(emulator, 'fitbit-legacy');
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    const first = await client.refresh(tokens.refreshToken);
    emulator.control.advanceClock(DEFAULT_SETTINGS.legacyRefreshReplayWindowSeconds + 1);
    await expect(client.refresh(tokens.refreshToken)).rejects.toMatchObject({
      kind: 'invalid_grant',
      status: 400,
      upstreamCode: 'invalid_grant',
      operation: 'refresh',
    });
    await expect(client.refresh(first.refreshToken ?? '')).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it('reports a concurrent refresh answered 409 as a retryable conflict', async () => {
    emulator.control.setSettings({ legacyRefreshReplay: 'conflict' });
    const client = demoTokenClient(emulator, 'fitbit-legacy');
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    await client.refresh(tokens.refreshToken);
    await expect(client.refresh(tokens.refreshToken)).rejects.toMatchObject({ kind: 'conflict', status: 409, retryable: true });
  });

  it('refreshes for a Client app with client_id in the body and no secret', async () => {
    const tokens = await demoTokens(emulator, 'fitbit-legacy', { legacyPublic: true });
    const refreshed = await demoTokenClient(emulator, 'fitbit-legacy', { public: true }).refresh(tokens.refreshToken);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
  });
});

describe('refresh in google-health mode', () => {
  it('keeps the stored refresh token when Google sends no new one', async () => {
    const client = demoTokenClient(emulator, 'google-health');
    const tokens = await demoTokens(emulator, 'google-health');
    const refreshed = await client.refresh(tokens.refreshToken);
    expect(refreshed).toMatchObject({ refreshToken: tokens.refreshToken, expiresIn: 3599, grantedScopes: ['sleep'] });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    await expect(client.fetchProfile(refreshed.accessToken)).resolves.toMatchObject({ id: 'alice-4f1c2b7e' });
  });

  it('lets the same refresh token be used again, as Google does not rotate it', async () => {
    const client = demoTokenClient(emulator, 'google-health');
    const tokens = await demoTokens(emulator, 'google-health');
    await client.refresh(tokens.refreshToken);
    await expect(client.refresh(tokens.refreshToken)).resolves.toMatchObject({ refreshToken: tokens.refreshToken });
  });

  it('rejects a refresh token with another client secret as invalid_client', async () => {
    const tokens = await demoTokens(emulator, 'google-health');
    const { createTokenClient } = await import('../../../../src/connections/fitbit/index.js');
    const client = createTokenClient({
      api: 'google-health',
      clientID: '1234567890-fitgate.apps.googleusercontent.com',
      clientSecret: 'wrong',
      upstreamBaseUrl: emulator.url,
    });
    await expect(client.refresh(tokens.refreshToken)).rejects.toMatchObject({ kind: 'invalid_client' });
  });
});

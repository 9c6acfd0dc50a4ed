import { describe, expect, it } from '@jest/globals';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { useEmulator } from '../../../support/use_emulator.js';
import { demoTokenClient, demoTokens } from './token_client_setup.js';

const emulator = useEmulator({ resetAfterEach: false });

describe.each(['fitbit-legacy', 'google-health'] as FitbitApi[])('revocation in %s mode', (api) => {
  it('revokes a token so that neither the refresh token nor the access token works any more', async () => {
    const client = demoTokenClient(emulator, api);
    const tokens = await demoTokens(emulator, api);
    await expect(client.fetchProfile(tokens.accessToken)).resolves.toMatchObject({ provider: 'fitbit' });
    const revocations = emulator.control.counters()[api].revocations;

    await client.revoke(tokens.refreshToken);

    expect(emulator.control.counters()[api].revocations).toBe(revocations + 1);
    await expect(client.refresh(tokens.refreshToken)).rejects.toMatchObject({ kind: 'invalid_grant', status: 400, operation: 'refresh' });
    await expect(client.fetchProfile(tokens.accessToken)).rejects.toMatchObject({ kind: 'invalid_token', status: 401 });
  });

  it('reports invalid_grant at the next refresh when the user revoked the app at the upstream', async () => {
    const client = demoTokenClient(emulator, api);
    const tokens = await demoTokens(emulator, api, { user: 'bob' });
    expect(emulator.control.revokeUserGrants('bob')).toBeGreaterThan(0);
    await expect(client.refresh(tokens.refreshToken)).rejects.toMatchObject({ kind: 'invalid_grant' });
  });

  it('answers an expired access token with invalid_token, while refresh still works', async () => {
    const client = demoTokenClient(emulator, api);
    const tokens = await demoTokens(emulator, api);
    emulator.control.expireAccessTokens({ login: 'alice' });
    await expect(client.fetchProfile(tokens.accessToken)).rejects.toMatchObject({ kind: 'invalid_token', status: 401 });
    const refreshed = await client.refresh(tokens.refreshToken);
    await expect(client.fetchProfile(refreshed.accessToken)).resolves.toMatchObject({ provider: 'fitbit' });
  });
});

describe('fetchProfile', () => {
  it('reads legacy profile.json and copies the scopes the host recorded', async () => {
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    const profile = await demoTokenClient(emulator, 'fitbit-legacy').fetchProfile(tokens.accessToken, ['profile', 'activity']);
    expect(profile).toMatchObject({ id: 'GGNJL9', displayName: 'Alice R.', grantedScopes: ['profile', 'activity'] });
  });

  it('combines the Google Health identity with userinfo', async () => {
    const tokens = await demoTokens(emulator, 'google-health');
    const profile = await demoTokenClient(emulator, 'google-health').fetchProfile(tokens.accessToken);
    expect(profile).toMatchObject({
      id: 'alice-4f1c2b7e',
      legacyUserId: 'GGNJL9',
      displayName: 'Alice Runner',
      emails: [{ value: 'alice@example.com', verified: true }],
      grantedScopes: [],
    });
  });
});

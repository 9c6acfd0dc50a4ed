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

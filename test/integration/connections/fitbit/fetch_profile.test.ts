import { describe, expect, it } from '@jest/globals';
import { useEmulator } from '../../../support/use_emulator.js';
import { demoTokenClient, demoTokens } from './token_client_setup.js';

const emulator = useEmulator();

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

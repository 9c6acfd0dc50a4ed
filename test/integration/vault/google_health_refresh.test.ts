import { describe, expect, it } from '@jest/globals';
import { emulatorEndpoints, getJson } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// Google normally answers a refresh with a new access token and no refresh token: the stored refresh
// token must be kept, or the next refresh has nothing to send.

const { emulator, harness } = useHarnessWithEmulator('vault-google-health', { api: 'google-health', instances: 2 });

describe('refreshing a google-health identity', () => {
  it('hands out a new valid access token and keeps the stored refresh token', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 30 });
    const { sealer } = harness.deps[0]!;
    const refreshToken = sealer.open(user.identities[0]!.tokens!.refreshToken!);
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    const before = emulator.control.counters()['google-health'].refreshes;

    const responses = await Promise.all(
      [0, 1, 0, 1].map((instance) => harness.call('get', `/users/${encodeURIComponent(user.userId)}`, token, undefined, instance)),
    );

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(emulator.control.counters()['google-health'].refreshes - before).toBe(1);
    const accessToken = responses[0]!.body.identities[0].access_token as string;
    expect(new Set(responses.map((response) => response.body.identities[0].access_token))).toEqual(new Set([accessToken]));
    expect((await getJson(emulatorEndpoints(emulator.url).google.identity, accessToken)).status).toBe(200);
    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.tokens!;
    expect(sealer.open(stored.refreshToken!)).toBe(refreshToken);
    expect(sealer.open(stored.accessToken)).toBe(accessToken);
  });
});

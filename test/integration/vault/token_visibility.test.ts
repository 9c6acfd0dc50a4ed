import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { startManagementHarness, type ManagementHarness } from '../management/harness.js';

// Upstream tokens are for tokens granted read:user_idp_tokens only; anyone else sees the user
// without a single token field, and their read never triggers an upstream refresh.

let emulator: TestEmulator;
let harness: ManagementHarness;

beforeAll(async () => {
  emulator = await startTestEmulator();
  harness = await startManagementHarness('vault-token-visibility', { emulator });
});

afterAll(async () => {
  await harness?.cleanup();
  await emulator?.close();
});

const refreshes = () => emulator.control.counters()['fitbit-legacy'].refreshes;

describe('upstream tokens in GET /api/v2/users/{id}', () => {
  it('are absent, and nothing is refreshed, for a token with read:users but not read:user_idp_tokens', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    const before = refreshes();

    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, await harness.tokenWith(['read:users']));

    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toMatch(/access_token|refresh_token|expires_in/);
    expect(JSON.stringify(response.body)).not.toContain(harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken));
    expect(refreshes()).toBe(before);
  });

  it('give the access token and its expires_in, never the refresh token, to a token with read:user_idp_tokens', async () => {
    const user = await harness.seedUser('bob');

    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, await harness.tokenWith(['read:user_idp_tokens']));

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const [identity] = response.body.identities as Array<Record<string, unknown>>;
    expect(identity).toMatchObject({
      provider: 'fitbit',
      user_id: user.identities[0]!.userId,
      access_token: harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken),
      expires_in: expect.any(Number),
    });
    expect(identity).not.toHaveProperty('refresh_token');
    expect(JSON.stringify(response.body)).not.toContain(harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.refreshToken!));
  });
});

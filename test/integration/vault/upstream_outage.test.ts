import { afterEach, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// An upstream that is down or silent is a passing problem: with a stored token too close to expiry
// to hand out (30 s or less left), the caller gets the user, in bounded time, with the identity's
// access_token_error upstream_unavailable in place of the token, to retry; the identity keeps its
// status and its stored refresh token. The profile read itself never fails for it, as Auth0's never
// does. (A stored token with more left is served instead: serves_valid_token_through_outage.test.ts.)

// Inside the vault's refresh window, and below the margin a stored token must have left to be served.
const ABOUT_TO_EXPIRE = 20;

let tokenReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-upstream-outage', { upstreamTimeoutMs: 300 }, async (started) => {
  tokenReader = await started.tokenWith(['read:user_idp_tokens']);
});

afterEach(() => {
  emulator.control.clearFailures();
});

async function expectUnavailableAndUntouched(user: User): Promise<void> {
  const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader);
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ user_id: user.userId, name: user.name });
  const [identity] = response.body.identities;
  expect(identity).toMatchObject({ status: 'connected', access_token_error: { errorCode: 'upstream_unavailable', message: expect.stringMatching(/try again later/) } });
  expect(JSON.stringify(response.body)).not.toMatch(/"access_token"|refresh_token|expires_in/);

  const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!;
  expect(stored.status).toBe('connected');
  expect(stored.tokens!.refreshToken).toBe(user.identities[0]!.tokens!.refreshToken);
}

describe('a refresh the upstream cannot serve now', () => {
  it('answers upstream_unavailable on the identity to an upstream 5xx and keeps the identity as it was', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: ABOUT_TO_EXPIRE });
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'status', status: 502 } });

    await expectUnavailableAndUntouched(user);
  });

  it('answers upstream_unavailable on the identity when the upstream does not answer within the timeout', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: ABOUT_TO_EXPIRE });
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'timeout' } });

    await expectUnavailableAndUntouched(user);
    emulator.control.releaseHeld();
  });

  it('refreshes on the next read once the upstream is back', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: ABOUT_TO_EXPIRE });
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'status', status: 500 }, times: 1 });
    expect((await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader)).body.identities[0]).toHaveProperty('access_token_error');

    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader);
    expect(response.status).toBe(200);
    expect(response.body.identities[0].expires_in).toBeGreaterThan(3600);
  });
});

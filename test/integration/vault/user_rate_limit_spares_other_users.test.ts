import { describe, expect, it } from '@jest/globals';
import type { StoreKind } from '../../support/stores.js';
import { describeWithRedis } from '../../support/redis.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// Legacy Fitbit limits each user (150 requests per user per app per hour), so its 429 is that
// user's alone: the Fitbit plugin says so (rateLimitScope `user`), and the vault holds back that
// identity only. Another user's due refresh still reaches the upstream and is served.

// Inside the vault's refresh window, and below the margin a stored token must have left to be served.
const ABOUT_TO_EXPIRE = 20;

interface ReadIdentity {
  access_token?: string;
  expires_in?: number;
  access_token_error?: { errorCode: string };
}

function suite(kind: StoreKind): void {
  const { emulator, harness } = useHarnessWithEmulator(`vault-user-rate-limit-${kind}`, { store: kind, instances: 2 });

  async function readIdentity(userId: string, token: string, instance: number): Promise<ReadIdentity> {
    const response = await harness.call('get', `/users/${encodeURIComponent(userId)}`, token, undefined, instance);
    expect(response.status).toBe(200);
    return (response.body as { identities: ReadIdentity[] }).identities[0]!;
  }

  it('refreshes another user of the connection at once, while the rate-limited one waits', async () => {
    const alice = await harness.seedUser('alice', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const bob = await harness.seedUser('bob', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 900 }, times: 1 });
    const before = legacyRefreshRequests(emulator);

    expect((await readIdentity(alice.userId, token, 0)).access_token_error).toMatchObject({ errorCode: 'too_many_requests' });

    const refreshed = await readIdentity(bob.userId, token, 1);
    expect(refreshed.access_token_error).toBeUndefined();
    expect(refreshed.access_token).toEqual(expect.any(String));
    expect(refreshed.expires_in).toBeGreaterThan(ABOUT_TO_EXPIRE);
    expect(legacyRefreshRequests(emulator)).toBe(before + 1);

    // Alice's own window still holds: no call for her.
    expect((await readIdentity(alice.userId, token, 1)).access_token_error).toMatchObject({ errorCode: 'too_many_requests' });
    expect(legacyRefreshRequests(emulator)).toBe(before + 1);
  });
}

describe('a rate limit of one user’s quota on the embedded store', () => suite('sqlite'));
describeWithRedis('a rate limit of one user’s quota on Redis', () => suite('redis'));

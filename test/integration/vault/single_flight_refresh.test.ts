import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { emulatorEndpoints, getJson } from '../../support/emulator.js';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// N readers spread over two app instances that share one store (as two processes share Redis) ask
// for the same user's upstream token while it is about to expire. Legacy Fitbit refresh tokens are
// single use, so a second refresh would retire the first one's token: the emulator's counters are
// the witness that exactly one refresh reached the upstream.

const READERS = 24;

function suite(kind: StoreKind): void {
  const { emulator, harness } = useHarnessWithEmulator(`vault-single-flight-${kind}`, { store: kind, instances: 2 });

  it('refreshes once for concurrent readers on two instances, and every reader gets the same valid token', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    const oldRefreshToken = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.refreshToken!);
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    const refreshesBefore = legacyRefreshRequests(emulator);

    const responses = await Promise.all(
      Array.from({ length: READERS }, (_unused, index) =>
        request(harness.apps[index % 2]!)
          .get(`/api/v2/users/${encodeURIComponent(user.userId)}`)
          .set('Host', harness.host)
          .set('Authorization', `Bearer ${token}`),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(READERS).fill(200));
    expect(legacyRefreshRequests(emulator) - refreshesBefore).toBe(1);
    const accessTokens = new Set(responses.map((response) => (response.body as { identities: Array<{ access_token: string }> }).identities[0]!.access_token));
    expect(accessTokens.size).toBe(1);
    const [accessToken] = [...accessTokens];
    expect(accessToken).not.toBe(harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken));
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, accessToken)).status).toBe(200);

    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.tokens!;
    expect(harness.deps[0]!.sealer.open(stored.accessToken)).toBe(accessToken);
    expect(harness.deps[1]!.sealer.open(stored.refreshToken!)).not.toBe(oldRefreshToken);
    expect(stored.expiresAt).toBeGreaterThan(Date.now() + 5 * 60 * 1000);
  });

  it('hands out the stored token without calling the upstream while it has more than five minutes left', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: 3600 });
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    const refreshesBefore = legacyRefreshRequests(emulator);

    const response = await request(harness.apps[1]!)
      .get(`/api/v2/users/${encodeURIComponent(user.userId)}`)
      .set('Host', harness.host)
      .set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(200);
    const identity = (response.body as { identities: Array<{ access_token: string; expires_in: number }> }).identities[0]!;
    expect(identity.access_token).toBe(harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken));
    expect(identity.expires_in).toBeGreaterThan(3500);
    expect(legacyRefreshRequests(emulator)).toBe(refreshesBefore);
  });
}

describe('single-flight refresh on the embedded store', () => suite('sqlite'));
describeWithRedis('single-flight refresh on Redis', () => suite('redis'));

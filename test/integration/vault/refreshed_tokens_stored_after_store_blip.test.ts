import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import { emulatorEndpoints, getJson } from '../../support/emulator.js';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// Legacy Fitbit retires a refresh token the moment it is used. Once the upstream has answered a
// refresh, the new pair exists only in fitgate's memory until it is stored: a store that fails just
// then (a Redis failover, a busy database file) must not cost the user the connection. The vault
// stores the pair again after short pauses, and the reader gets its token.

function suite(kind: StoreKind): void {
  const { emulator, harness } = useHarnessWithEmulator(`vault-store-blip-${kind}`, { store: kind });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('stores the refreshed pair once the store answers again, and the new refresh token works', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: 60 });
    const oldRefreshToken = harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.refreshToken!);
    const users = harness.deps[0]!.store.users;
    const update = users.update.bind(users);
    let failures = 2;
    jest.spyOn(users, 'update').mockImplementation(async (changed) => {
      if (failures > 0) {
        failures -= 1;
        throw new StoreUnavailableError();
      }
      return update(changed);
    });

    const token = await harness.tokenWith(['read:user_idp_tokens']);
    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, token);

    expect(response.status).toBe(200);
    expect(failures).toBe(0);
    const accessToken = (response.body as { identities: Array<{ access_token: string }> }).identities[0]!.access_token;
    expect((await getJson(emulatorEndpoints(emulator.url).legacy.profile, accessToken)).status).toBe(200);
    const stored = (await harness.store.users.get(user.tenant, user.userId))!.identities[0]!.tokens!;
    expect(harness.deps[0]!.sealer.open(stored.accessToken)).toBe(accessToken);
    const newRefreshToken = harness.deps[0]!.sealer.open(stored.refreshToken!);
    expect(newRefreshToken).not.toBe(oldRefreshToken);
  });
}

describe('refreshed tokens and a store blip, on the embedded store', () => suite('sqlite'));
describeWithRedis('refreshed tokens and a store blip, on Redis', () => suite('redis'));

import { afterEach, describe, expect, it } from '@jest/globals';
import { useHarnessWithEmulator } from '../management/harness.js';

// The vault's events reach the tenant log through the same writer as a login's, so an event about
// a connection says which one it is (its id, strategy and strategy type) whoever recorded it.

let tokenReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-disconnection-log-facts', {}, async (started) => {
  tokenReader = await started.tokenWith(['read:user_idp_tokens']);
});

afterEach(async () => {
  for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
    await harness.store.users.delete(user.tenant, user.userId);
  }
});

describe('the vault’s event for an identity that needs reauthorization', () => {
  it('carries the connection’s id, strategy and strategy type, as a login’s event does', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    expect(emulator.control.revokeUserGrants('alice')).toBeGreaterThan(0);
    const read = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader);
    expect(read.body.identities[0]).toMatchObject({ status: 'needs_reauthorization' });

    const logs = await harness.call('get', `/logs?user_id=${encodeURIComponent(user.userId)}&type=fertft&per_page=1`, await harness.tokenWith(['read:logs']));
    expect(logs.body).toEqual([
      expect.objectContaining({
        type: 'fertft',
        connection: harness.connection.name,
        connection_id: harness.connection.id,
        strategy: harness.connection.strategy,
        strategy_type: 'social',
      }),
    ]);
  });
});

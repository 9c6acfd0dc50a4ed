import { afterEach, describe, expect, it } from '@jest/globals';
import { useHarnessWithEmulator } from '../management/harness.js';

// Deleting a connection removes its users' identities before the record, but a login that read the
// connection before the deletion began stores its identity when its upstream answers, after. Such an
// identity's stored token, however fresh, is served to nobody: reading the user answers its
// connection as gone, as a refresh would, and not the token.

let tokenReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-deleted-connection', {}, async (started) => {
  tokenReader = await started.tokenWith(['read:users', 'read:user_idp_tokens']);
});

afterEach(async () => {
  emulator.control.revokeUserGrants('carol');
  for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
    await harness.store.users.delete(user.tenant, user.userId);
  }
});

describe('a fresh stored token of an identity whose connection was deleted after the login read it', () => {
  it('is not served: the identity reads as its connection gone', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: 3600 });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const before = await harness.call('get', path, tokenReader);
    expect(before.status).toBe(200);
    expect(before.body.identities[0]).toHaveProperty('access_token');
    const refreshesBefore = emulator.control.counters()['fitbit-legacy'].refreshes;

    // The record alone, as when the deletion's removal of users ran before this login stored its user.
    await harness.store.connections.delete(harness.tenant.name, harness.connection.id);
    const response = await harness.call('get', path, tokenReader);

    expect(response.status).toBe(200);
    const identity = response.body.identities[0];
    expect(identity).toMatchObject({ connection: 'fitbit', access_token_error: { errorCode: 'inexistent_connection' } });
    expect(identity).not.toHaveProperty('access_token');
    expect(emulator.control.counters()['fitbit-legacy'].refreshes).toBe(refreshesBefore);
  });
});

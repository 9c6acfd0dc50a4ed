import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import { createSealer } from '../../../src/store/sealing.js';
import { useBrokenConnectionHarness } from './broken_connection_harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// A connection whose stored client secret fitgate cannot open (sealed under a master key it no
// longer has, or damaged): a user read answers 200, never a 500, the identity still connected, with
// an access_token_error telling an administrator to enter the secret again.

const { emulator, harness, tokenReader } = useBrokenConnectionHarness('vault-unreadable-client-secret');

describe('a token read through a connection whose client secret cannot be opened', () => {
  it('answers 200 with the identity’s access_token_error naming the lost master key and the fix', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 120 });
    const lostKey = createSealer([randomBytes(32)]);
    const { tenant, id } = harness.connection;
    await updateConnection(harness.store.connections, tenant, id, (current) => ({
      ...current,
      options: { ...current.options, clientSecret: lostKey.seal('a secret sealed under a key fitgate no longer has') },
      updatedAt: new Date().toISOString(),
    }));
    const refreshesBefore = legacyRefreshRequests(emulator);

    const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader());

    expect(response.status).toBe(200);
    const identity = response.body.identities[0];
    expect(identity).toMatchObject({ status: 'connected', access_token_error: { errorCode: 'upstream_unavailable' } });
    expect(identity.access_token_error.message).toMatch(/cannot open the client secret stored for the fitbit connection: it was sealed under a master key that FITGATE_MASTER_KEY no longer lists/);
    expect(identity.access_token_error.message).toMatch(/must enter the connection's client secret again/);
    expect(identity).not.toHaveProperty('access_token');
    expect(legacyRefreshRequests(emulator)).toBe(refreshesBefore);
  });
});

import { describe, expect, it } from '@jest/globals';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import type { ConnectionOptions, User } from '../../../src/domain/types.js';
import { useBrokenConnectionHarness } from './broken_connection_harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// A connection fitgate cannot reach an upstream through, with the sandbox off (its Client ID cleared,
// or its own API dropped by a plugin upgrade), is the administrator's to fix: a user read answers 200,
// the identity still connected, with an access_token_error saying what to set, and never a 503 for
// the whole user.

const { emulator, harness, tokenReader } = useBrokenConnectionHarness('vault-unconfigured-connection');

/** Saves the connection with `options`, as an administrator does (a new updatedAt). */
async function saveConnection(options: (current: ConnectionOptions) => ConnectionOptions): Promise<void> {
  const { tenant, id } = harness.connection;
  await updateConnection(harness.store.connections, tenant, id, (current) => ({ ...current, options: options(current.options), updatedAt: new Date().toISOString() }));
}

/** The user's one identity as a token reader gets it, the read answering 200. */
async function readIdentity(user: User): Promise<Record<string, unknown> & { access_token_error?: { errorCode: string; message: string } }> {
  const response = await harness.call('get', `/users/${encodeURIComponent(user.userId)}`, tokenReader());
  expect(response.status).toBe(200);
  return response.body.identities[0];
}

describe('a token read through a connection that cannot reach its upstream', () => {
  it('tells the reader an administrator must configure the connection, when its Client ID was cleared', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 120 });
    await saveConnection(({ clientId: _id, clientSecret: _secret, ...rest }) => rest);
    const refreshesBefore = legacyRefreshRequests(emulator);

    const identity = await readIdentity(user);

    expect(identity).toMatchObject({ status: 'connected', access_token_error: { errorCode: 'upstream_unavailable' } });
    expect(identity.access_token_error?.message).toBe(
      'The connection "fitbit" has no upstream client id yet; an administrator must configure it. Until then the fitbit tokens cannot be refreshed.',
    );
    expect(identity).not.toHaveProperty('access_token');
    expect(legacyRefreshRequests(emulator)).toBe(refreshesBefore);
  });

  it('tells the reader an administrator must choose another API, when the plugin no longer offers the connection’s', async () => {
    const seeded = await harness.seedUser('bob', { expiresInSeconds: 120 });
    // Both on an API the Fitbit plugin does not declare, as after an upgrade dropped it.
    const user = await harness.store.users.update({ ...seeded, identities: [{ ...seeded.identities[0]!, api: 'fitbit-retired' }] });
    await saveConnection((current) => ({ ...current, api: 'fitbit-retired' }));

    const identity = await readIdentity(user);

    expect(identity).toMatchObject({ status: 'connected', access_token_error: { errorCode: 'upstream_unavailable' } });
    expect(identity.access_token_error?.message).toMatch(/uses the fitbit-retired API, which its plugin no longer offers; an administrator must choose another API/);
    expect(identity).not.toHaveProperty('access_token');
  });
});

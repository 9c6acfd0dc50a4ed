import { describe, expect, it } from '@jest/globals';
import { useHarnessWithEmulator } from '../management/harness.js';

// GET /users/{id} as node-auth0's users.get(id) sends it: no fields, and a token carrying every
// scope its application was granted, read:user_idp_tokens included. Auth0 answers that read 200
// whatever the identities' tokens are, so an identity the upstream refuses during the read never
// fails it: that identity shows its status and why it has no token, and the user's other identity
// still gets its fresh token.

const { emulator, harness } = useHarnessWithEmulator('vault-dead-identity-beside-live-one');

describe('a profile read of a user with one identity the upstream refuses and one that works', () => {
  it('answers 200: the refused identity with its status and no token, the other with its refreshed token', async () => {
    const live = await harness.seedUser('alice', { expiresInSeconds: 60 });
    const dead = await harness.seedUser('bob', { expiresInSeconds: 60 });
    // Bob's account linked to Alice's, as Auth0 links two accounts of one social connection.
    await harness.store.users.delete(dead.tenant, dead.userId);
    await harness.store.users.update({ ...live, identities: [...live.identities, dead.identities[0]!] });
    expect(emulator.control.revokeUserGrants('bob')).toBeGreaterThan(0);
    const sdkToken = await harness.tokenWith(['read:users', 'read:user_idp_tokens']);

    const response = await harness.call('get', `/users/${encodeURIComponent(live.userId)}`, sdkToken);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user_id: live.userId, name: live.name, email: live.email });
    const byId = new Map((response.body.identities as { user_id: string; expires_in?: number }[]).map((identity) => [identity.user_id, identity]));
    const refused = byId.get(dead.identities[0]!.userId);
    expect(refused).toMatchObject({
      status: 'needs_reauthorization',
      status_reason: 'refresh_token_rejected',
      access_token_error: { errorCode: 'needs_reauthorization', message: expect.stringMatching(/must log in again/) },
    });
    expect(refused).not.toHaveProperty('access_token');
    expect(refused).not.toHaveProperty('expires_in');
    const served = byId.get(live.identities[0]!.userId);
    expect(served).toMatchObject({ status: 'connected', access_token: expect.any(String), expires_in: expect.any(Number) });
    // Refreshed: not the token seeded a minute from expiry.
    expect(served?.expires_in).toBeGreaterThan(3600);
    expect(served).not.toHaveProperty('access_token_error');
    const stored = (await harness.store.users.get(live.tenant, live.userId))!.identities;
    expect(stored.map((identity) => identity.status)).toEqual(['connected', 'needs_reauthorization']);
  });
});

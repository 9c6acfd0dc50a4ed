import { describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// Upstream tokens are for tokens granted read:user_idp_tokens only; anyone else sees the user
// without a single token field, and their read never triggers an upstream refresh.

const { emulator, harness } = useHarnessWithEmulator('vault-token-visibility');

const refreshes = () => emulator.control.counters()['fitbit-legacy'].refreshes;
// What SDKs hold: ManagementClient asks for no scope, so its token carries every granted one.
const everyScope = () => harness.tokenWith(['read:users', 'read:user_idp_tokens']);

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

  it('are not fetched, and nothing is refreshed, when fields leave identities out, even with read:user_idp_tokens', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: 60 });
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await everyScope();
    const before = legacyRefreshRequests(emulator);

    const selected = await harness.call('get', `${path}?fields=user_id,app_metadata`, token);
    const excluded = await harness.call('get', `${path}?fields=identities&include_fields=false`, token);

    expect(selected.status).toBe(200);
    expect(selected.body).toEqual({ user_id: user.userId });
    expect(excluded.status).toBe(200);
    expect(excluded.body).not.toHaveProperty('identities');
    expect(legacyRefreshRequests(emulator)).toBe(before);
    // The stored token due for a refresh is still the one seeded: the reads never reached the vault.
    expect((await harness.store.users.get(user.tenant, user.userId))?.identities[0]?.tokens?.accessToken).toBe(user.identities[0]!.tokens!.accessToken);

    // Asking for identities does fetch (and so refresh) the token.
    const withIdentities = await harness.call('get', `${path}?fields=user_id,identities`, token);
    expect(withIdentities.status).toBe(200);
    expect(withIdentities.body.identities[0]).toHaveProperty('access_token');
    expect(legacyRefreshRequests(emulator)).toBe(before + 1);
  });

  it('never fail a read of a user who must log in again: without identities, nothing is fetched; with them, the identity says so', async () => {
    const now = new Date().toISOString();
    const user: User = {
      tenant: harness.tenant.name,
      userId: 'fitbit|REAUTH1',
      name: 'Dana Reauth',
      identities: [
        {
          provider: 'fitbit',
          connection: 'fitbit',
          userId: 'REAUTH1',
          isSocial: true,
          api: 'fitbit-legacy',
          grantedScopes: ['activity'],
          status: 'needs_reauthorization',
          statusReason: 'refresh_token_rejected',
          statusChangedAt: now,
        },
      ],
      loginsCount: 1,
      createdAt: now,
      updatedAt: now,
    };
    await harness.store.users.create(user);
    const path = `/users/${encodeURIComponent(user.userId)}`;
    const token = await everyScope();
    const before = legacyRefreshRequests(emulator);

    const profile = await harness.call('get', `${path}?fields=user_id,name,app_metadata`, token);
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({ user_id: user.userId, name: user.name });

    for (const query of ['', '?fields=identities', '?fields=user_id&include_fields=false']) {
      const read = await harness.call('get', `${path}${query}`, token);
      expect({ query, status: read.status }).toEqual({ query, status: 200 });
      const [identity] = read.body.identities;
      expect(identity).toMatchObject({ status: 'needs_reauthorization', status_reason: 'refresh_token_rejected', access_token_error: { errorCode: 'needs_reauthorization' } });
      expect(identity).not.toHaveProperty('access_token');
      expect(identity).not.toHaveProperty('expires_in');
    }
    expect(legacyRefreshRequests(emulator)).toBe(before);
  });
});

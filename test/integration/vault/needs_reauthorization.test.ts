import { afterEach, describe, expect, it } from '@jest/globals';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import { recordLogin } from '../../../src/domain/users.js';
import type { User } from '../../../src/domain/types.js';
import { DEMO, legacyLogin } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { legacyRefreshRequests } from './upstream_counters.js';

// When the upstream refuses an identity's tokens for good, the identity says so (status, reason,
// time), the change is in the tenant log, and a token reader gets the user (200, as Auth0's read
// never fails for an identity's tokens) with that status on the identity instead of a token that
// does not work.

let tokenReader: string;
let userReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-needs-reauthorization', {}, async (started) => {
  tokenReader = await started.tokenWith(['read:user_idp_tokens']);
  userReader = await started.tokenWith(['read:users']);
});

interface IdentityJson {
  status: string;
  status_reason?: string;
  status_changed_at?: string;
  access_token?: string;
}

/** The identity a token reader gets: its status, and no token. */
async function tokenRead(user: User): Promise<IdentityJson> {
  const response = await harness.call('get', userPath(user), tokenReader);
  expect(response.status).toBe(200);
  return response.body.identities[0] as IdentityJson;
}

const userPath = (user: User) => `/users/${encodeURIComponent(user.userId)}`;

async function expectNeedsReauthorization(user: User, reason: string): Promise<void> {
  const response = await harness.call('get', userPath(user), tokenReader);
  expect(response.status).toBe(200);
  const read = response.body.identities[0] as IdentityJson & { access_token_error?: { errorCode: string; message: string } };
  expect(read).toMatchObject({ status: 'needs_reauthorization', status_reason: reason, access_token_error: { errorCode: 'needs_reauthorization' } });
  expect(read.access_token_error?.message).toMatch(/needs reauthorization/);
  expect(read).not.toHaveProperty('access_token');
  expect(read).not.toHaveProperty('expires_in');

  const identity = (await harness.call('get', userPath(user), userReader)).body.identities[0] as IdentityJson;
  expect(identity).toMatchObject({ status: 'needs_reauthorization', status_reason: reason });
  expect(Date.parse(identity.status_changed_at ?? '')).toBeGreaterThan(Date.now() - 60_000);

  // Newest first: the event of this change, whatever earlier tests logged for the same test user.
  const logs = await harness.call('get', `/logs?user_id=${encodeURIComponent(user.userId)}&type=fertft&per_page=1`, await harness.tokenWith(['read:logs']));
  expect(logs.body).toEqual([
    expect.objectContaining({ type: 'fertft', user_id: user.userId, connection: 'fitbit', details: expect.objectContaining({ status: 'needs_reauthorization', reason }) }),
  ]);
}

/** Moves the harness's Fitbit connection to Google's API, as an admin would; the answer puts it back. */
async function moveToGoogle(): Promise<() => Promise<void>> {
  const legacy = harness.connection;
  const google = DEMO.googleServer;
  await updateConnection(harness.store.connections, legacy.tenant, legacy.id, (current) => ({
    ...current,
    options: { ...legacy.options, api: 'google-health', clientId: google.clientId, clientSecret: harness.deps[0]!.sealer.seal(google.clientSecret) },
    updatedAt: new Date().toISOString(),
  }));
  return async () => {
    await updateConnection(harness.store.connections, legacy.tenant, legacy.id, (current) => ({ ...legacy, revision: current.revision }));
  };
}

afterEach(async () => {
  emulator.control.setLegacyShutdown(false);
  for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
    await harness.store.users.delete(user.tenant, user.userId);
  }
});

describe('an identity whose upstream tokens stop working', () => {
  it('needs reauthorization (refresh_token_rejected) when the upstream refuses the refresh token', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    const identity = user.identities[0]!;
    await harness.store.users.update({
      ...user,
      identities: [{ ...identity, tokens: { ...identity.tokens!, refreshToken: harness.deps[0]!.sealer.seal('refresh-token-the-upstream-never-issued') } }],
    });

    await expectNeedsReauthorization(user, 'refresh_token_rejected');
  });

  it('needs reauthorization when the user revoked the application’s access upstream', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: 60 });
    expect(emulator.control.revokeUserGrants('bob')).toBeGreaterThan(0);

    await expectNeedsReauthorization(user, 'refresh_token_rejected');
  });

  it('needs reauthorization (upstream_api_gone) when the legacy Fitbit API answers 410', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: 60 });
    emulator.control.setLegacyShutdown(true);

    await expectNeedsReauthorization(user, 'upstream_api_gone');
  });

  it('needs reauthorization (refresh_token_missing) when an expired token has no refresh token, but hands out one still valid', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 120 });
    const { refreshToken: _none, ...withoutRefresh } = user.identities[0]!.tokens!;
    const stored = await harness.store.users.update({ ...user, identities: [{ ...user.identities[0]!, tokens: withoutRefresh }] });
    const before = legacyRefreshRequests(emulator);

    const stillValid = await harness.call('get', userPath(user), tokenReader);
    expect(stillValid.status).toBe(200);
    expect(stillValid.body.identities[0].expires_in).toBeLessThanOrEqual(120);
    expect(legacyRefreshRequests(emulator)).toBe(before);

    // Read again: the GET above may have stored the identity (its status checked).
    const current = (await harness.store.users.get(stored.tenant, stored.userId))!;
    await harness.store.users.update({ ...current, identities: [{ ...current.identities[0]!, tokens: { ...withoutRefresh, expiresAt: Date.now() - 1000 } }] });
    await expectNeedsReauthorization(user, 'refresh_token_missing');
  });

  it('needs reauthorization (connection_api_changed) after the connection moved to Google, sending the legacy tokens nowhere', async () => {
    const user = await harness.seedUser('carol', { expiresInSeconds: 60 });
    const moveBack = await moveToGoogle();
    const legacyRefreshesBefore = legacyRefreshRequests(emulator);
    const googleRefreshesBefore = emulator.control.counters()['google-health'].refreshes;
    try {
      await expectNeedsReauthorization(user, 'connection_api_changed');
    } finally {
      await moveBack();
    }
    expect(legacyRefreshRequests(emulator)).toBe(legacyRefreshesBefore);
    expect(emulator.control.counters()['google-health'].refreshes).toBe(googleRefreshesBefore);
  });

  it('needs reauthorization (connection_api_changed) after the move even while its legacy token has hours left', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 8 * 3600 });
    const moveBack = await moveToGoogle();
    const legacyRefreshesBefore = legacyRefreshRequests(emulator);
    try {
      // Two readers at once: neither is handed the legacy token while the other marks the identity.
      const [first, second] = await Promise.all([tokenRead(user), tokenRead(user)]);
      for (const read of [first, second]) expect(read).not.toHaveProperty('access_token');
      await expectNeedsReauthorization(user, 'connection_api_changed');
    } finally {
      await moveBack();
    }
    expect(legacyRefreshRequests(emulator)).toBe(legacyRefreshesBefore);
  });

  it('answers later readers with the same status and no token, without calling the upstream again', async () => {
    const user = await harness.seedUser('alice', { expiresInSeconds: 60 });
    emulator.control.revokeUserGrants('alice');
    expect(await tokenRead(user)).toMatchObject({ status: 'needs_reauthorization' });
    const before = legacyRefreshRequests(emulator);

    const again = await tokenRead(user);
    expect(again).toMatchObject({ status: 'needs_reauthorization', status_reason: 'refresh_token_rejected' });
    expect(again).not.toHaveProperty('access_token');
    expect(legacyRefreshRequests(emulator)).toBe(before);
  });

  it('is connected again after a new login, and its fresh token is handed out', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: 60 });
    emulator.control.revokeUserGrants('bob');
    expect(await tokenRead(user)).toMatchObject({ status: 'needs_reauthorization' });

    const relogin = (await legacyLogin(emulator.url, { user: 'bob' })).body as { access_token: string; refresh_token: string; expires_in: number };
    await recordLogin(
      { users: harness.store.users, sealer: harness.deps[0]!.sealer },
      {
        tenant: harness.tenant.name,
        connection: harness.connection,
        upstreamUserId: user.identities[0]!.userId,
        profile: {},
        profileData: {},
        tokens: { accessToken: relogin.access_token, refreshToken: relogin.refresh_token, expiresIn: relogin.expires_in, grantedScopes: ['profile'] },
        now: new Date(),
      },
    );

    const response = await harness.call('get', userPath(user), tokenReader);
    expect(response.status).toBe(200);
    expect(response.body.identities[0]).toMatchObject({ status: 'connected', access_token: relogin.access_token });
  });
});

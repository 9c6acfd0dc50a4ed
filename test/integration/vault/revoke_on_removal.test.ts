import { afterEach, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { recordLogin } from '../../../src/domain/users.js';
import { emulatorEndpoints, getJson } from '../../support/emulator.js';
import { useHarnessWithEmulator } from '../management/harness.js';

// Deleting a user or unlinking its Fitbit identity takes the upstream tokens out of the store and
// revokes the grant upstream, best effort: an upstream failure is logged, never a failed delete.

let logReader: string;

const { emulator, harness } = useHarnessWithEmulator('vault-revoke-on-removal', {}, async (started) => {
  logReader = await started.tokenWith(['read:logs']);
});

const revocations = () => emulator.control.counters()['fitbit-legacy'].revocations;
const accessTokenOf = (user: User) => harness.deps[0]!.sealer.open(user.identities[0]!.tokens!.accessToken);
const upstreamAccepts = async (accessToken: string) =>
  (await getJson(emulatorEndpoints(emulator.url).legacy.profile, accessToken)).status === 200;

async function lastAuditEvent(type: string): Promise<Record<string, unknown>> {
  const logs = await harness.call('get', `/logs?type=${type}&per_page=1`, logReader);
  return (logs.body as Array<Record<string, unknown>>)[0]!;
}

afterEach(() => {
  emulator.control.clearFailures();
});

describe('DELETE /api/v2/users/{id}', () => {
  it('removes the user with its tokens and revokes the grant upstream', async () => {
    const user = await harness.seedUser('alice');
    expect(await upstreamAccepts(accessTokenOf(user))).toBe(true);
    const before = revocations();

    const response = await harness.call('delete', `/users/${encodeURIComponent(user.userId)}`, await harness.tokenWith(['delete:users']));

    expect(response.status).toBe(204);
    expect(await harness.store.users.get(user.tenant, user.userId)).toBeUndefined();
    expect(revocations()).toBe(before + 1);
    expect(await upstreamAccepts(accessTokenOf(user))).toBe(false);
    expect(await lastAuditEvent('sapi')).toMatchObject({
      description: 'Delete a user',
      user_id: user.userId,
      details: expect.objectContaining({ upstream_revocation: { [`fitbit|${user.identities[0]!.userId}`]: 'revoked' } }),
    });
  });

  it('still deletes when the upstream cannot revoke, and records the failed revocation', async () => {
    const user = await harness.seedUser('bob');
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'status', status: 503 } });

    const response = await harness.call('delete', `/users/${encodeURIComponent(user.userId)}`, await harness.tokenWith(['delete:users']));

    expect(response.status).toBe(204);
    expect(await harness.store.users.get(user.tenant, user.userId)).toBeUndefined();
    expect(await lastAuditEvent('sapi')).toMatchObject({
      details: expect.objectContaining({ upstream_revocation: { [`fitbit|${user.identities[0]!.userId}`]: 'failed' } }),
    });
  });

  it('answers 204 for a user that does not exist, as Auth0 does, and revokes nothing upstream', async () => {
    const before = revocations();
    const response = await harness.call('delete', '/users/fitbit%7CNOBODY', await harness.tokenWith(['delete:users']));
    expect(response.status).toBe(204);
    expect(revocations()).toBe(before);
  });
});

describe('DELETE /api/v2/users/{id}/identities/{provider}/{user_id}', () => {
  it('takes the only identity’s tokens out of the store, revokes the grant upstream, and keeps it as unlinked', async () => {
    const user = await harness.seedUser('carol');
    const upstreamId = user.identities[0]!.userId;
    const before = revocations();

    const response = await harness.call(
      'delete',
      `/users/${encodeURIComponent(user.userId)}/identities/fitbit/${upstreamId}`,
      await harness.tokenWith(['update:users']),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({ provider: 'fitbit', user_id: upstreamId, status: 'needs_reauthorization', status_reason: 'unlinked' }),
    ]);
    const stored = await harness.store.users.get(user.tenant, user.userId);
    expect(stored?.identities[0]?.tokens).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain(user.identities[0]!.tokens!.accessToken);
    expect(revocations()).toBe(before + 1);
    expect(await upstreamAccepts(accessTokenOf(user))).toBe(false);
    expect(await lastAuditEvent('sapi')).toMatchObject({ description: 'Unlink an identity', user_id: user.userId });

    const relogin = await recordLogin(
      { users: harness.store.users, sealer: harness.deps[0]!.sealer },
      {
        tenant: harness.tenant.name,
        connection: harness.connection,
        upstreamUserId: upstreamId,
        profile: {},
        profileData: {},
        tokens: { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 28800, grantedScopes: ['profile'] },
        now: new Date(),
      },
    );
    expect(relogin.user.userId).toBe(user.userId);
    expect(relogin.user.identities[0]?.status).toBe('connected');
  });

  it('removes an identity that is not the user’s only one, and revokes its grant', async () => {
    const user = await harness.seedUser('bob');
    const other = { ...user.identities[0]!, connection: 'fitbit-eu', userId: 'EU-BOB' };
    await harness.store.users.update({ ...user, identities: [other, user.identities[0]!] });
    const before = revocations();

    const response = await harness.call(
      'delete',
      `/users/${encodeURIComponent(user.userId)}/identities/fitbit/${user.identities[0]!.userId}`,
      await harness.tokenWith(['update:users']),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual([expect.objectContaining({ connection: 'fitbit-eu', user_id: 'EU-BOB' })]);
    expect((await harness.store.users.get(user.tenant, user.userId))?.identities.map((identity) => identity.userId)).toEqual(['EU-BOB']);
    expect(revocations()).toBe(before + 1);
    expect(await upstreamAccepts(accessTokenOf(user))).toBe(false);
  });

  it('answers 404 for an identity the user does not have, and revokes nothing', async () => {
    const user = await harness.seedUser('alice');
    const before = revocations();

    const response = await harness.call(
      'delete',
      `/users/${encodeURIComponent(user.userId)}/identities/fitbit/SOMEONE-ELSE`,
      await harness.tokenWith(['update:users']),
    );

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ errorCode: 'inexistent_identity' });
    expect(revocations()).toBe(before);
    expect(await upstreamAccepts(accessTokenOf(user))).toBe(true);
  });
});

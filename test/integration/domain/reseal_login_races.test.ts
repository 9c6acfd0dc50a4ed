import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { reseal } from '../../../src/domain/reseal.js';
import type { User } from '../../../src/domain/types.js';
import { recordLogin, type UpstreamLogin } from '../../../src/domain/users.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore, withFreshStore } from '../../support/stores.js';
import { identityRecord, tenantRecord, userRecord } from '../store/records.js';

/**
 * A re-seal rewrites users through the same revision-checked update as every other user write, so
 * a login racing it neither puts the older sealing back nor is lost. Each race is made certain by
 * running the other side between one side's read of the user and its write.
 */

const keyOld = randomBytes(32);
const keyNew = randomBytes(32);
const sealedOld = createSealer([keyOld]);
/** What fitgate runs with during a rotation: seals under the new key, opens both. */
const rotated = createSealer([keyNew, keyOld]);
const onlyNew = createSealer([keyNew]);

/** A user whose upstream tokens are sealed under the old key; returns it as stored. */
async function oldSealedUser(store: Store): Promise<User> {
  const tenant = tenantRecord();
  await store.tenants.create(tenant);
  const user = userRecord(tenant.name, {
    upstreamId: 'U1',
    identities: [identityRecord('U1', { tokens: { accessToken: sealedOld.seal('at-0'), refreshToken: sealedOld.seal('rt-0'), expiresAt: 1 } })],
  });
  await store.users.create(user);
  return user;
}

/** A returning login of U1. Google sends no new refresh token on most logins: the stored one is kept. */
function loginOf(tenant: string, accessToken: string): UpstreamLogin {
  return {
    tenant,
    connection: { name: 'fitbit', strategy: 'fitbit', options: { api: 'google-health', profileSync: 'on_each_login' } },
    upstreamUserId: 'U1',
    profile: { name: 'U1' },
    profileData: {},
    tokens: { accessToken, expiresIn: 3600, grantedScopes: ['activity'] },
    now: new Date(),
  };
}

/** `users` with `meanwhile` run once, right after the first read of a user (by id or by identity). */
function withWriteAfterFirstRead(users: Store['users'], meanwhile: () => Promise<unknown>): Store['users'] & { raced(): boolean } {
  let done = false;
  const wrapped = Object.create(users) as Store['users'] & { raced(): boolean };
  const afterRead = async (found: User | undefined) => {
    if (!done && found) {
      done = true;
      await meanwhile();
    }
    return found;
  };
  wrapped.get = async (tenant, userId) => afterRead(await users.get(tenant, userId));
  wrapped.findByIdentity = async (tenant, connection, id) => afterRead(await users.findByIdentity(tenant, connection, id));
  wrapped.raced = () => done;
  return wrapped;
}

// Each test on a store of its own (withFreshStore): the re-seal refuses to start while any stored value needs a key it lacks.
describeEachStore('a login racing the re-seal of its user', (h) => {
  it('keeps the new sealing when a login read the user before the re-seal and writes after it', async () => {
    await withFreshStore(h.kind, 'reseal-races', async (store) => {
      const user = await oldSealedUser(store);
      const resealAll = () => reseal({ records: store.sealedRecords, users: store.users, sealer: rotated, ephemeral: store.ephemeral });
      const users = withWriteAfterFirstRead(store.users, resealAll);

      await recordLogin({ users, sealer: rotated }, loginOf(user.tenant, 'at-1'));

      expect(users.raced()).toBe(true);
      const stored = (await store.users.get(user.tenant, user.userId))!;
      expect(stored.loginsCount).toBe(2);
      // The refresh token the login kept is the re-sealed one, not the copy it read before the re-seal.
      const tokens = stored.identities[0]!.tokens!;
      expect([onlyNew.open(tokens.accessToken), onlyNew.open(tokens.refreshToken!)]).toEqual(['at-1', 'rt-0']);
      expect(Object.keys(await store.sealedRecords.keyUsage())).toEqual(onlyNew.keyIds);
    });
  });

  it('counts a login that lands between the re-seal reading the user and writing it, and re-seals what it wrote', async () => {
    await withFreshStore(h.kind, 'reseal-races', async (store) => {
      const user = await oldSealedUser(store);
      const login = () => recordLogin({ users: store.users, sealer: rotated }, loginOf(user.tenant, 'at-1'));
      const users = withWriteAfterFirstRead(store.users, login);

      const report = await reseal({ records: store.sealedRecords, users, sealer: rotated, ephemeral: store.ephemeral });

      expect(users.raced()).toBe(true);
      expect(report).toMatchObject({ passes: 1, resealed: 1, busy: 0, remaining: {} });
      const stored = (await store.users.get(user.tenant, user.userId))!;
      expect(stored.loginsCount).toBe(2);
      const tokens = stored.identities[0]!.tokens!;
      expect([onlyNew.open(tokens.accessToken), onlyNew.open(tokens.refreshToken!)]).toEqual(['at-1', 'rt-0']);
    });
  });
});

import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { MissingMasterKeyError, reseal } from '../../../src/domain/reseal.js';
import { updateIdentity } from '../../../src/domain/stored_identity.js';
import type { Sealed, User } from '../../../src/domain/types.js';
import { recordLogin, type UpstreamLogin } from '../../../src/domain/users.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore, withFreshStore } from '../../support/stores.js';
import { connectionRecord, identityRecord, tenantRecord, userRecord } from '../store/records.js';

const USERS = 150;
const BATCH = 25;
const HOT_USERS = 40;

/** A tenant, its connection and USERS users, everything sealed under `sealer`; returns the tenant name. */
async function populate(store: Store, sealer: ReturnType<typeof createSealer>): Promise<string> {
  const tenant = tenantRecord({
    signingKeys: [{ kid: 'k1', publicJwk: { kty: 'RSA' }, privateJwk: sealer.seal('private-jwk'), createdAt: new Date().toISOString() }],
  });
  await store.tenants.create(tenant);
  await store.connections.create(
    connectionRecord(tenant.name, {
      name: 'fitbit',
      options: { api: 'google-health', clientId: 'c', clientSecret: sealer.seal('client-secret'), scope: ['activity'], profileSync: 'on_each_login' },
    }),
  );
  for (let index = 0; index < USERS; index += 1) {
    await store.users.create(
      userRecord(tenant.name, {
        upstreamId: `U${index}`,
        identities: [identityRecord(`U${index}`, { tokens: { accessToken: sealer.seal(`at-${index}-0`), refreshToken: sealer.seal(`rt-${index}-0`), expiresAt: 1 } })],
      }),
    );
  }
  return tenant.name;
}

function loginOf(tenant: string, upstreamUserId: string, accessToken: string): UpstreamLogin {
  return {
    tenant,
    connection: { name: 'fitbit', strategy: 'fitbit', options: { api: 'google-health', profileSync: 'on_each_login' } },
    upstreamUserId,
    profile: { name: upstreamUserId },
    profileData: {},
    tokens: { accessToken, refreshToken: `rt-of-${accessToken}`, expiresIn: 3600, grantedScopes: ['activity'] },
    now: new Date(),
  };
}

// Each test on a store of its own (withFreshStore): the start-up check sees every key id in the store, not just this test's.
describeEachStore('re-sealing under the newest master key', (h) => {
  it('re-seals everything while refreshes and logins write, losing and reverting nothing', async () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    await withFreshStore(h.kind, 'reseal', async (store) => {
      const tenant = await populate(store, createSealer([keyA]));
      const rotated = createSealer([keyB, keyA]);
      const onlyB = createSealer([keyB]);

      // The last access token each writer stored per user: what must survive the re-seal.
      const latest = new Map<string, string>(Array.from({ length: USERS }, (_, index) => [`fitbit|U${index}`, `at-${index}-0`]));
      const reverted: string[] = [];
      let writing = true;
      const refresher = async (writer: number) => {
        for (let round = 1; writing; round += 1) {
          // A few hot users, written over and over: the re-seal keeps meeting records changed since it read them.
          for (let index = writer; index < HOT_USERS && writing; index += 4) {
            const ref = { tenant, userId: `fitbit|U${index}`, connection: 'fitbit', upstreamUserId: `U${index}` };
            // Each user has one writer: reading back anything but its own last value means the re-seal reverted it.
            const before = (await store.users.get(tenant, ref.userId)) as User;
            const seen = rotated.open(before.identities[0]!.tokens!.accessToken);
            if (seen !== latest.get(ref.userId)) reverted.push(`${ref.userId}: ${seen} after ${latest.get(ref.userId)}`);
            const accessToken = `at-${index}-${round}`;
            if (index % 8 === writer) {
              await recordLogin({ users: store.users, sealer: rotated }, loginOf(tenant, `U${index}`, accessToken));
            } else {
              const sealed = rotated.seal(accessToken);
              await updateIdentity(store.users, ref, (identity) => ({ ...identity, tokens: { ...identity.tokens!, accessToken: sealed } }), new Date());
            }
            latest.set(ref.userId, accessToken);
          }
        }
      };
      const writers = [0, 1, 2, 3].map(refresher);

      const report = await reseal({ records: store.sealedRecords, users: store.users, sealer: rotated, ephemeral: store.ephemeral, batchSize: BATCH });
      writing = false;
      await Promise.all(writers);

      expect(reverted).toEqual([]);
      expect(report.remaining).toEqual({});
      expect(report.unreadable).toEqual([]);
      const usage = await store.sealedRecords.keyUsage();
      expect(usage[rotated.keyIds[1] ?? '']).toBeUndefined();
      // Everything opens with the new key alone, and holds the value last written.
      const stored = await store.tenants.get(tenant);
      expect(onlyB.open(stored!.signingKeys[0]!.privateJwk)).toBe('private-jwk');
      const connection = await store.connections.getByName(tenant, 'fitbit');
      expect(onlyB.open(connection!.options.clientSecret as Sealed)).toBe('client-secret');
      for (const [userId, accessToken] of latest) {
        const user = (await store.users.get(tenant, userId)) as User;
        expect([userId, onlyB.open(user.identities[0]!.tokens!.accessToken)]).toEqual([userId, accessToken]);
        expect(onlyB.open(user.identities[0]!.tokens!.refreshToken!)).toMatch(/^rt-/);
      }
    });
  }, 60_000);

  it('resumes an interrupted run after the last finished batch', async () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    await withFreshStore(h.kind, 'reseal', async (store) => {
      await populate(store, createSealer([keyA]));
      const rotated = createSealer([keyB, keyA]);
      let batches = 0;
      const interrupted = reseal({
        records: store.sealedRecords, users: store.users,
        sealer: rotated,
        ephemeral: store.ephemeral,
        batchSize: BATCH,
        onBatch: ({ kind }) => {
          if (kind === 'user' && ++batches === 2) throw new Error('killed');
        },
    });
    await expect(interrupted).rejects.toThrow('killed');
    expect((await store.sealedRecords.keyUsage())[rotated.keyIds[1] ?? '']).toBeGreaterThan(0);

    const report = await reseal({ records: store.sealedRecords, users: store.users, sealer: rotated, ephemeral: store.ephemeral, batchSize: BATCH });
    expect(report.resumed).toBe(true);
    expect(report.examined).toBeLessThan(USERS);
    expect(report.remaining).toEqual({});
    expect((await store.sealedRecords.keyUsage())[rotated.keyIds[1] ?? '']).toBeUndefined();
    });
  }, 60_000);

  it('with forgetLost, drops what a lost key sealed: the secret to re-enter, a new signing key, users to log in again', async () => {
    await withFreshStore(h.kind, 'reseal', async (store) => {
      const lost = createSealer([randomBytes(32)]);
      const current = createSealer([randomBytes(32)]);
      const tenant = await populate(store, lost);
      const kept = userRecord(tenant, { upstreamId: 'KEPT', identities: [identityRecord('KEPT', { tokens: { accessToken: current.seal('kept'), expiresAt: 1 } })] });
      await store.users.create(kept);

      const report = await reseal({ records: store.sealedRecords, users: store.users, sealer: current, ephemeral: store.ephemeral, batchSize: BATCH, forgetLost: true });

      expect(report.remaining).toEqual({});
      expect(report.forgotten).toEqual({ tenants: [tenant], connections: [`${tenant}/fitbit`], users: USERS });
      expect(Object.keys(await store.sealedRecords.keyUsage())).toEqual(current.keyIds);
      const [signingKey] = (await store.tenants.get(tenant))!.signingKeys;
      expect(JSON.parse(current.open(signingKey!.privateJwk))).toMatchObject({ kty: 'RSA' });
      expect((await store.connections.getByName(tenant, 'fitbit'))!.options.clientSecret).toBeUndefined();
      const [identity] = (await store.users.get(tenant, 'fitbit|U0'))!.identities;
      expect([identity!.status, identity!.statusReason, identity!.tokens]).toEqual(['needs_reauthorization', 'master_key_lost', undefined]);
      const [untouched] = (await store.users.get(tenant, kept.userId))!.identities;
      expect(current.open(untouched!.tokens!.accessToken)).toBe('kept');
    });
  }, 60_000);

  it('refuses to start when a key the stored values need is not configured, naming it and how many need it', async () => {
    const keyA = randomBytes(32);
    await withFreshStore(h.kind, 'reseal', async (store) => {
      await populate(store, createSealer([keyA]));
      const idA = createSealer([keyA]).keyIds[0] ?? '';
      const run = reseal({ records: store.sealedRecords, users: store.users, sealer: createSealer([randomBytes(32)]), ephemeral: store.ephemeral });
      await expect(run).rejects.toThrow(MissingMasterKeyError);
      await expect(run).rejects.toThrow(`key id ${idA} (${2 * USERS + 2} sealed values need it)`);
    });
  });
});

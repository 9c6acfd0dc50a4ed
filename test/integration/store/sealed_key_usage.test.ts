import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { expect, it } from '@jest/globals';
import type { KeyUsage } from '../../../src/domain/sealed_values.js';
import type { Sealed } from '../../../src/domain/types.js';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { describeEachStore } from '../../support/stores.js';
import { connectionRecord, identityRecord, tenantRecord, userRecord } from './records.js';

/** Two fresh master keys per test: their ids are this test's own, so counts of other tests never mix in. */
function twoKeys() {
  const a = createSealer([randomBytes(32)]);
  const b = createSealer([randomBytes(32)]);
  return { a, b, idA: a.keyIds[0] ?? '', idB: b.keyIds[0] ?? '' };
}

function only(usage: KeyUsage, ...keyIds: string[]): KeyUsage {
  return Object.fromEntries(Object.entries(usage).filter(([keyId]) => keyIds.includes(keyId)));
}

const signingKey = (privateJwk: Sealed) => ({ kid: randomBytes(4).toString('hex'), publicJwk: { kty: 'RSA' }, privateJwk, createdAt: new Date().toISOString() });

describeEachStore('sealed values per master key', (h) => {
  it('counts every sealed value by key id: signing keys, connection secrets, access and refresh tokens', async () => {
    const { a, b, idA, idB } = twoKeys();
    const store = h.store();
    const tenant = tenantRecord({ signingKeys: [signingKey(b.seal('jwk-new')), signingKey(a.seal('jwk-old'))] });
    await store.tenants.create(tenant);
    await store.connections.create(
      connectionRecord(tenant.name, {
        options: { api: 'google-health', clientId: 'c', clientSecret: a.seal('secret'), scope: ['activity'], profileSync: 'on_each_login' },
      }),
    );
    await store.connections.create(connectionRecord(tenant.name)); // no secret: counts nothing
    await store.users.create(
      userRecord(tenant.name, {
        identities: [
          identityRecord('U1', { tokens: { accessToken: a.seal('at'), refreshToken: a.seal('rt'), expiresAt: 1 } }),
          identityRecord('U2', { connection: 'other', tokens: { accessToken: b.seal('at2'), expiresAt: 1 } }),
          identityRecord('U3', { connection: 'third' }),
        ],
      }),
    );

    expect(only(await store.sealedRecords.keyUsage(), idA, idB)).toEqual({ [idA]: 4, [idB]: 2 });
  });

  it('follows updates and deletes, and forgets a key id once nothing is sealed under it', async () => {
    const { a, b, idA, idB } = twoKeys();
    const store = h.store();
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    const user = userRecord(tenant.name, {
      identities: [identityRecord('U1', { tokens: { accessToken: a.seal('at'), refreshToken: a.seal('rt'), expiresAt: 1 } })],
    });
    await store.users.create(user);
    const connection = connectionRecord(tenant.name, {
      options: { api: 'google-health', clientId: 'c', clientSecret: a.seal('secret'), scope: [], profileSync: 'on_each_login' },
    });
    await store.connections.create(connection);
    expect(only(await store.sealedRecords.keyUsage(), idA, idB)).toEqual({ [idA]: 3 });

    await store.users.update({ ...user, identities: [identityRecord('U1', { tokens: { accessToken: b.seal('at'), refreshToken: a.seal('rt'), expiresAt: 1 } })] });
    expect(only(await store.sealedRecords.keyUsage(), idA, idB)).toEqual({ [idA]: 2, [idB]: 1 });

    await store.connections.update({ ...connection, options: { ...connection.options, clientSecret: b.seal('secret') } });
    await store.tenants.update({ ...tenant, signingKeys: [signingKey(b.seal('jwk'))] });
    expect(only(await store.sealedRecords.keyUsage(), idA, idB)).toEqual({ [idA]: 1, [idB]: 3 });

    await store.users.delete(tenant.name, user.userId);
    await store.connections.delete(tenant.name, connection.id);
    expect(only(await store.sealedRecords.keyUsage(), idA, idB)).toEqual({ [idB]: 1 });
  });

  it('counts documents written before the counts existed once, however often asked', async () => {
    const store = h.store();
    if (!(store instanceof RedisStore)) return countedByTheMigration();
    const { a, idA } = twoKeys();
    const tenant = tenantRecord({ signingKeys: [signingKey(a.seal('jwk'))] });
    await store.tenants.create(tenant);
    await store.users.create(userRecord(tenant.name, { identities: [identityRecord('U1', { tokens: { accessToken: a.seal('at'), expiresAt: 1 } })] }));
    const counted = await store.sealedRecords.keyUsage();
    // As an earlier fitgate left them: documents, no bookkeeping.
    await store.client.del([store.keys.sealedUsage(), store.keys.sealedKeyCounts(), store.keys.sealedUsageComplete()]);
    expect(await store.sealedRecords.keyUsage()).toEqual({});

    expect(await store.sealedRecords.countUncounted()).toBeGreaterThanOrEqual(2);
    expect(await store.sealedRecords.keyUsage()).toEqual(counted);
    expect(only(counted, idA)).toEqual({ [idA]: 2 });

    await store.client.del(store.keys.sealedUsageComplete());
    expect(await store.sealedRecords.countUncounted()).toBe(0);
    expect(await store.sealedRecords.keyUsage()).toEqual(counted);
  });
});

/** A database left by the fitgate before counts (schema version 1), opened by this one: the migration counts its rows. */
async function countedByTheMigration(): Promise<void> {
  const { a, idA } = twoKeys();
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-sealed-'));
  try {
    const old = new Database(join(dataDir, 'fitgate.db'));
    old.exec(MIGRATIONS[0] ?? '');
    old.pragma('user_version = 1');
    const tenant = tenantRecord({ signingKeys: [signingKey(a.seal('jwk'))] });
    const user = userRecord(tenant.name, { identities: [identityRecord('U1', { tokens: { accessToken: a.seal('at'), refreshToken: a.seal('rt'), expiresAt: 1 } })] });
    old.prepare('INSERT INTO tenants (name, doc) VALUES (?, ?)').run(tenant.name, JSON.stringify(tenant));
    old.prepare('INSERT INTO users (tenant, user_id, created_at, doc) VALUES (?, ?, ?, ?)').run(tenant.name, user.userId, user.createdAt, JSON.stringify(user));
    old.close();

    const store = SqliteStore.open(dataDir);
    try {
      expect(await store.sealedRecords.keyUsage()).toEqual({ [idA]: 3 });
      expect(await store.sealedRecords.countUncounted()).toBe(0);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

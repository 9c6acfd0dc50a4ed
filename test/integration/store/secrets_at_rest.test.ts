import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { RedisStore } from '../../../src/store/redis/redis_store.js';
import { createSealer } from '../../../src/store/sealing.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../../src/store/store.js';
import { keysWithPrefix } from '../../support/redis.js';
import { describeEachStore } from '../../support/stores.js';
import { connectionRecord, identityRecord, tenantRecord, uniqueId, userRecord } from './records.js';

/** Every byte the store keeps: the SQLite files, or every value of every key under the Redis prefix. */
async function everythingStored(store: Store, location: string): Promise<string> {
  if (store instanceof SqliteStore) {
    return ['fitgate.db', 'fitgate.db-wal']
      .map((file) => join(location, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('\n');
  }
  if (store instanceof RedisStore) {
    const values: string[] = [];
    for (const key of await keysWithPrefix(location)) {
      const type = await store.client.type(key);
      if (type === 'string') values.push(key, String(await store.client.get(key)));
      else if (type === 'zset') values.push(key, ...(await store.client.zRange(key, 0, -1)));
      else if (type === 'set') values.push(key, ...(await store.client.sMembers(key)));
      else if (type === 'hash') values.push(key, ...Object.entries(await store.client.hGetAll(key)).flat());
      else throw new Error(`unexpected ${type} at ${key}: extend this dump`);
    }
    return values.join('\n');
  }
  throw new Error(`unknown store ${store.kind}`);
}

describeEachStore('secrets at rest', (h) => {
  it('keeps connection secrets, upstream tokens and signing keys only in sealed form', async () => {
    const sealer = createSealer([randomBytes(32)]);
    const marker = (what: string) => `MARKER-${what}-${randomBytes(8).toString('hex')}`;
    const markers = [marker('client-secret'), marker('access-token'), marker('refresh-token'), marker('private-jwk')];
    const [clientSecret, accessToken, refreshToken, privateJwk] = markers.map((text) => sealer.seal(text));
    const tenant = tenantRecord({
      signingKeys: [{ kid: 'k1', publicJwk: { kty: 'RSA' }, privateJwk: privateJwk!, createdAt: new Date().toISOString() }],
    });
    const store = h.store();
    await store.tenants.create(tenant);
    await store.connections.create(
      connectionRecord(tenant.name, {
        options: { api: 'google-health', clientId: 'upstream-client', clientSecret, scope: ['activity'], profileSync: 'on_each_login' },
      }),
    );
    const user = userRecord(tenant.name, {
      identities: [identityRecord(uniqueId('UP'), { tokens: { accessToken: accessToken!, refreshToken, expiresAt: Date.now() + 3600_000 } })],
    });
    await store.users.create(user);

    const stored = await everythingStored(store, h.testStore().location);
    // The sealed forms are there, so the dump really covers where these records live...
    for (const sealed of [clientSecret, accessToken, refreshToken, privateJwk]) expect(stored).toContain(sealed);
    // ...and the secrets themselves are not.
    for (const plaintext of markers) expect(stored).not.toContain(plaintext);

    const tokens = (await store.users.get(tenant.name, user.userId))?.identities[0]?.tokens;
    expect(sealer.open(tokens!.accessToken)).toBe(markers[1]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'libsql';
import { loadConfig } from '../../../src/config/index.js';
import type { Client } from '../../../src/domain/types.js';
import { grantImplicitToStoredClients } from '../../../src/store/redis/implicit_grant_step.js';
import { openRedisStore } from '../../../src/store/redis/open_redis_store.js';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import type { Store } from '../../../src/store/store.js';
import { deleteKeysWithPrefix, describeWithRedis, redisUrl, uniquePrefix } from '../../support/redis.js';
import { openRedisTestStore } from '../../support/stores.js';
import { clientRecord, tenantRecord } from './records.js';

/**
 * Clients stored before the `implicit` grant type existed could get id_tokens from /authorize; after
 * the upgrade each interactive one allowed authorization_code has `implicit` in its grant types, and
 * no other client changes. Embedded, it is a schema step; on Redis, a one-time step at start-up.
 */

const TENANT = tenantRecord();

/** The clients an earlier fitgate left: a web app (code flow only then), a machine client, and one already explicit. */
function earlierClients(): { web: Client; machine: Client; explicit: Client } {
  return {
    web: clientRecord(TENANT.name, { grantTypes: ['authorization_code', 'refresh_token'] }),
    machine: clientRecord(TENANT.name, { appType: 'non_interactive', tokenEndpointAuthMethod: 'client_secret_post', grantTypes: ['client_credentials'] }),
    explicit: clientRecord(TENANT.name, { appType: 'spa', tokenEndpointAuthMethod: 'none', grantTypes: ['authorization_code', 'implicit'] }),
  };
}

async function expectUpgraded(store: Store, clients: ReturnType<typeof earlierClients>): Promise<void> {
  expect((await store.clients.get(TENANT.name, clients.web.clientId))?.grantTypes).toEqual(['authorization_code', 'refresh_token', 'implicit']);
  expect((await store.clients.get(TENANT.name, clients.machine.clientId))?.grantTypes).toEqual(['client_credentials']);
  expect((await store.clients.get(TENANT.name, clients.explicit.clientId))?.grantTypes).toEqual(['authorization_code', 'implicit']);
}

describe('the implicit grant step, embedded', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-implicit-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds implicit when it opens a database of the schema before the step', async () => {
    const clients = earlierClients();
    const old = new Database(join(dataDir, 'fitgate.db'));
    for (const step of MIGRATIONS.slice(0, -1)) old.exec(step);
    old.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    old.prepare('INSERT INTO tenants (name, doc) VALUES (?, ?)').run(TENANT.name, JSON.stringify(TENANT));
    const insert = old.prepare('INSERT INTO clients (tenant, client_id, doc) VALUES (?, ?, ?)');
    for (const client of Object.values(clients)) insert.run(client.tenant, client.clientId, JSON.stringify(client));
    old.close();

    const store = SqliteStore.open(dataDir);
    try {
      await expectUpgraded(store, clients);
    } finally {
      await store.close();
    }
  });
});

describeWithRedis('the implicit grant step, on Redis', () => {
  it('adds implicit once: a client an admin takes it from afterwards keeps it taken', async () => {
    const test = await openRedisTestStore('implicit-step');
    try {
      const { store } = test;
      const clients = earlierClients();
      await store.tenants.create(TENANT);
      for (const client of Object.values(clients)) await store.clients.create(client);

      expect(await grantImplicitToStoredClients(store)).toBe(1);
      await expectUpgraded(store, clients);

      const upgraded = await store.clients.getStored(TENANT.name, clients.web.clientId);
      await store.clients.update({ ...upgraded!, grantTypes: ['authorization_code', 'refresh_token'] });
      expect(await grantImplicitToStoredClients(store)).toBe(0);
      expect((await store.clients.get(TENANT.name, clients.web.clientId))?.grantTypes).toEqual(['authorization_code', 'refresh_token']);
    } finally {
      await test.cleanup();
    }
  });

  it('runs when fitgate opens its Redis store', async () => {
    const prefix = uniquePrefix('implicit-open');
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL: redisUrl,
      FITGATE_REDIS_PREFIX: prefix,
      FITGATE_PUBLIC_URL: 'http://localhost:3000',
      FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      FITGATE_SESSION_SECRETS: 's'.repeat(48),
    });
    const clients = earlierClients();
    const first = await openRedisStore(config, config.redis!);
    try {
      await first.tenants.create(TENANT);
      for (const client of Object.values(clients)) await first.clients.create(client);
      // As an earlier fitgate left it: the clients, and no step done.
      await first.client.del(first.keys.dataStepDone('implicit_grant'));
    } finally {
      await first.close();
    }
    const second = await openRedisStore(config, config.redis!);
    try {
      await expectUpgraded(second, clients);
    } finally {
      await second.close();
      await deleteKeysWithPrefix(prefix);
    }
  });
});

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { redisUrl } from '../../support/redis.js';
import { eventually } from './eventually.js';
import { clientRecord, connectionRecord, tenantRecord } from './records.js';

const here = dirname(fileURLToPath(import.meta.url));
const compiledSrc = join(here, '..', '..', '..', 'dist', 'src');

/** Runs config_writer.mjs: another process changing the records on the same store. */
function changeInAnotherProcess(kind: string, location: string, change: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'config_writer.mjs'), compiledSrc, kind, location, redisUrl, JSON.stringify(change)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the writer failed (${code}):\n${errors}`))));
  });
}

describeEachStore('cached clients and connections across processes', (h) => {
  it('honours a change made by another process within a second', async () => {
    const store = h.store();
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    const client = clientRecord(tenant.name, { callbacks: ['https://old.example/callback'] });
    const connection = connectionRecord(tenant.name, { enabledClients: [client.clientId] });
    await store.clients.create(client);
    await store.connections.create(connection);
    // Read (and cached) here before the other process changes them.
    expect((await store.clients.get(tenant.name, client.clientId))?.callbacks).toEqual(['https://old.example/callback']);
    expect((await store.connections.getByName(tenant.name, connection.name))?.options.scope).toEqual(['activity', 'profile']);

    await changeInAnotherProcess(h.kind, h.testStore().location, {
      tenant: tenant.name,
      clientId: client.clientId,
      callbacks: ['https://new.example/callback'],
      connectionId: connection.id,
      scope: ['activity', 'heartrate'],
    });

    await eventually(
      async () => ((await store.clients.get(tenant.name, client.clientId))?.callbacks[0] === 'https://new.example/callback' ? true : undefined),
      'this process sees the new callbacks',
      1000,
    );
    await eventually(
      async () => ((await store.connections.getByName(tenant.name, connection.name))?.options.scope.includes('heartrate') ? true : undefined),
      'this process sees the new connection scope',
      1000,
    );
  });

  it('hands out frozen records: changing one in place throws, and nothing changes until a new record is saved', async () => {
    const store = h.store();
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    const client = clientRecord(tenant.name);
    await store.clients.create(client);
    const first = await store.clients.get(tenant.name, client.clientId);
    expect(() => first?.callbacks.push('https://mutated.example/callback')).toThrow(TypeError);
    expect((await store.clients.get(tenant.name, client.clientId))?.callbacks).toEqual(client.callbacks);
    await store.clients.update({ ...first!, callbacks: [...first!.callbacks, 'https://added.example/callback'] });
    expect((await store.clients.get(tenant.name, client.clientId))?.callbacks).toEqual([...client.callbacks, 'https://added.example/callback']);
  });
});

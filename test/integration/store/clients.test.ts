import { expect, it } from '@jest/globals';
import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError } from '../../../src/domain/ports.js';
import { describeEachStore } from '../../support/stores.js';
import { clientRecord, uniqueId } from './records.js';

describeEachStore('client repository', (h) => {
  const clients = () => h.store().clients;

  it('returns a created client by tenant and id, and undefined elsewhere', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant);
    await clients().create(client);
    expect(await clients().get(tenant, client.clientId)).toEqual(client);
    expect(await clients().get(uniqueId('t'), client.clientId)).toBeUndefined();
    expect(await clients().get(tenant, 'no-such-client')).toBeUndefined();
  });

  it('refuses a client id taken in the same tenant, but not in another tenant', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant);
    await clients().create(client);
    await expect(clients().create({ ...client, name: 'Again' })).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(clients().create({ ...client, tenant: uniqueId('t') })).resolves.toBeUndefined();
  });

  it('replaces a client on update, and refuses to update one that does not exist', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant);
    await clients().create(client);
    await clients().update({ ...client, callbacks: ['https://new.example/cb'] });
    expect((await clients().get(tenant, client.clientId))?.callbacks).toEqual(['https://new.example/cb']);
    await expect(clients().update(clientRecord(tenant))).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('moves the revision on with each update, a client stored before revisions counting as revision 0', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant);
    expect(client.revision).toBeUndefined();
    await clients().create(client);
    const first = await clients().update({ ...client, name: 'Renamed' });
    expect(first.revision).toBe(1);
    const second = await clients().update({ ...first, name: 'Renamed again' });
    expect(second.revision).toBe(2);
    expect(await clients().getStored(tenant, client.clientId)).toEqual(second);
    expect(await clients().get(tenant, client.clientId)).toEqual(second);
  });

  it('refuses an update computed from a read that another write has overtaken (StaleRecordError), and keeps that write', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant, { clientSecretHash: 'a0'.repeat(32), managementScopes: ['read:users'], managementGrant: true });
    await clients().create(client);
    const read = await clients().getStored(tenant, client.clientId);
    // A rotation and a revocation land after that read...
    const rotated = await clients().update({ ...read!, clientSecretHash: 'b1'.repeat(32), managementScopes: [], managementGrant: false });
    // ...and a settings save computed from it would write the old secret and grant back.
    await expect(clients().update({ ...read!, callbacks: ['https://stale.example/cb'] })).rejects.toBeInstanceOf(StaleRecordError);
    expect(await clients().getStored(tenant, client.clientId)).toEqual(rotated);
  });

  it('refuses an update from a stale cached read of another process, and reads the stored record past its cache', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant, { clientSecretHash: 'a0'.repeat(32) });
    await clients().create(client);
    const other = await h.testStore().reopen();
    // Cached here before the other process rotates the secret.
    const cached = await clients().get(tenant, client.clientId);
    const stored = await other.clients.getStored(tenant, client.clientId);
    await other.clients.update({ ...stored!, clientSecretHash: 'b1'.repeat(32) });

    expect((await clients().getStored(tenant, client.clientId))?.clientSecretHash).toBe('b1'.repeat(32));
    await expect(clients().update({ ...cached!, name: 'Saved from a stale page' })).rejects.toBeInstanceOf(StaleRecordError);
    expect((await other.clients.getStored(tenant, client.clientId))?.clientSecretHash).toBe('b1'.repeat(32));
  });

  it('deletes a client and reports whether there was one', async () => {
    const tenant = uniqueId('t');
    const client = clientRecord(tenant);
    await clients().create(client);
    expect(await clients().delete(tenant, client.clientId)).toBe(true);
    expect(await clients().delete(tenant, client.clientId)).toBe(false);
    expect(await clients().get(tenant, client.clientId)).toBeUndefined();
    expect((await clients().list(tenant, { page: 0, perPage: 10 })).total).toBe(0);
  });

  it('lists the clients of a tenant oldest first, in pages, with the total', async () => {
    const tenant = uniqueId('t');
    const base = Date.UTC(2026, 0, 1);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const client = clientRecord(tenant, { createdAt: new Date(base + i * 1000).toISOString() });
      await clients().create(client);
      ids.push(client.clientId);
    }
    await clients().create(clientRecord(uniqueId('other')));
    const first = await clients().list(tenant, { page: 0, perPage: 2 });
    const second = await clients().list(tenant, { page: 1, perPage: 2 });
    expect(first.items.map((c) => c.clientId)).toEqual(ids.slice(0, 2));
    expect(second.items.map((c) => c.clientId)).toEqual(ids.slice(2));
    expect([first.total, second.total]).toEqual([3, 3]);
  });
});

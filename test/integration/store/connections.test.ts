import { expect, it } from '@jest/globals';
import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError } from '../../../src/domain/ports.js';
import { describeEachStore } from '../../support/stores.js';
import { connectionRecord, fakeSealed, uniqueId } from './records.js';

describeEachStore('connection repository', (h) => {
  const connections = () => h.store().connections;

  it('returns a created connection by id and by name', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant, {
      options: { api: 'fitbit-legacy', clientId: 'UP123', clientSecret: fakeSealed('v1.x'), scope: ['profile'], profileSync: 'on_first_login' },
    });
    await connections().create(connection);
    expect(await connections().get(tenant, connection.id)).toEqual(connection);
    expect(await connections().getByName(tenant, connection.name)).toEqual(connection);
    expect(await connections().getByName(uniqueId('t'), connection.name)).toBeUndefined();
    expect(await connections().get(tenant, 'con_missing')).toBeUndefined();
  });

  it('refuses a taken id and a taken name in the same tenant', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant);
    await connections().create(connection);
    await expect(connections().create({ ...connection, name: uniqueId('n') })).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(connections().create(connectionRecord(tenant, { name: connection.name }))).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
  });

  it('moves the name on update: the new name finds it, the old name is free again', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant, { name: 'before' });
    await connections().create(connection);
    await connections().update({ ...connection, name: 'after' });
    expect(await connections().getByName(tenant, 'before')).toBeUndefined();
    expect((await connections().getByName(tenant, 'after'))?.id).toBe(connection.id);
    await expect(connections().create(connectionRecord(tenant, { name: 'before' }))).resolves.toBeUndefined();
  });

  it('refuses to rename a connection to a name another connection holds', async () => {
    const tenant = uniqueId('t');
    const first = connectionRecord(tenant);
    const second = connectionRecord(tenant);
    await connections().create(first);
    await connections().create(second);
    await expect(connections().update({ ...second, name: first.name })).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await connections().getByName(tenant, first.name))?.id).toBe(first.id);
    expect((await connections().get(tenant, second.id))?.name).toBe(second.name);
  });

  it('refuses to update a connection that does not exist', async () => {
    await expect(connections().update(connectionRecord(uniqueId('t')))).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('moves the revision on with each update, a connection stored before revisions counting as revision 0', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant);
    expect(connection.revision).toBeUndefined();
    await connections().create(connection);
    const first = await connections().update({ ...connection, displayName: 'Fitbit' });
    expect(first.revision).toBe(1);
    const second = await connections().update({ ...first, displayName: 'Fitbit again' });
    expect(second.revision).toBe(2);
    expect(await connections().getStored(tenant, connection.id)).toEqual(second);
    expect(await connections().get(tenant, connection.id)).toEqual(second);
    expect(await connections().getByName(tenant, connection.name)).toEqual(second);
  });

  it('refuses an update computed from a read that another write has overtaken (StaleRecordError), and keeps that write', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant, { enabledClients: ['app-a'] });
    await connections().create(connection);
    const read = await connections().getStored(tenant, connection.id);
    // An application's switch lands after that read...
    const switched = await connections().update({ ...read!, enabledClients: ['app-a', 'app-b'] });
    // ...and a settings save computed from it would switch that application off again.
    await expect(
      connections().update({ ...read!, options: { ...read!.options, clientId: 'UP999', clientSecret: fakeSealed('v1.new') } }),
    ).rejects.toBeInstanceOf(StaleRecordError);
    expect(await connections().getStored(tenant, connection.id)).toEqual(switched);
  });

  it('refuses an update from a stale cached read of another process, and reads the stored record past its cache', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant);
    await connections().create(connection);
    const other = await h.testStore().reopen();
    // Cached here before the other process enables an application.
    const cached = await connections().get(tenant, connection.id);
    const stored = await other.connections.getStored(tenant, connection.id);
    await other.connections.update({ ...stored!, enabledClients: ['app-a'] });

    expect((await connections().getStored(tenant, connection.id))?.enabledClients).toEqual(['app-a']);
    await expect(connections().update({ ...cached!, displayName: 'Saved from a stale page' })).rejects.toBeInstanceOf(StaleRecordError);
    expect((await other.connections.getStored(tenant, connection.id))?.enabledClients).toEqual(['app-a']);
  });

  it('deletes a connection, freeing its name, and reports whether there was one', async () => {
    const tenant = uniqueId('t');
    const connection = connectionRecord(tenant);
    await connections().create(connection);
    expect(await connections().delete(tenant, connection.id)).toBe(true);
    expect(await connections().delete(tenant, connection.id)).toBe(false);
    expect(await connections().getByName(tenant, connection.name)).toBeUndefined();
    expect(await connections().list(tenant)).toEqual([]);
  });

  it('lists the connections of one tenant in creation order', async () => {
    const tenant = uniqueId('t');
    const base = Date.UTC(2026, 0, 1);
    const first = connectionRecord(tenant, { createdAt: new Date(base).toISOString() });
    const second = connectionRecord(tenant, { createdAt: new Date(base + 1000).toISOString() });
    await connections().create(first);
    await connections().create(second);
    await connections().create(connectionRecord(uniqueId('other')));
    expect((await connections().list(tenant)).map((c) => c.id)).toEqual([first.id, second.id]);
  });
});

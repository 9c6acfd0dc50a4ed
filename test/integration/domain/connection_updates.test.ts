import { expect, it } from '@jest/globals';
import { forgetEnabledClient, updateConnection, withClientEnabled } from '../../../src/domain/connection_updates.js';
import { NotFoundInStoreError, type ConnectionRepository } from '../../../src/domain/ports.js';
import type { Connection } from '../../../src/domain/types.js';
import { describeEachStore } from '../../support/stores.js';
import { connectionRecord, fakeSealed, uniqueId } from '../store/records.js';

/**
 * Every change to a connection is made on the record as stored, at its revision: a change computed
 * from a read another write has overtaken (an application's switch, a settings save on another
 * worker) is read again and re-applied, so both count and neither is undone.
 */
describeEachStore('changes to a connection, made on the record as stored', (h) => {
  async function aConnection(overrides: Partial<Connection> = {}): Promise<Connection> {
    const connection = connectionRecord(uniqueId('t'), overrides);
    await h.store().connections.create(connection);
    return connection;
  }

  /** The store's connections, with `between` run once between the first read and the first write: another process's write landing there. */
  function withWriteInBetween(
    connections: ConnectionRepository,
    between: () => Promise<unknown>,
  ): { connections: ConnectionRepository; reads: () => number } {
    let reads = 0;
    let pending: (() => Promise<unknown>) | undefined = between;
    const wrapped = Object.create(connections) as ConnectionRepository;
    wrapped.getStored = async (tenant, id) => {
      reads += 1;
      return connections.getStored(tenant, id);
    };
    wrapped.update = async (connection) => {
      const run = pending;
      pending = undefined;
      if (run) await run();
      return connections.update(connection);
    };
    return { connections: wrapped, reads: () => reads };
  }

  const newCredentials = (current: Connection): Connection => ({
    ...current,
    options: { ...current.options, clientId: 'UP999', clientSecret: fakeSealed('v1.new') },
  });

  it('re-applies a settings save over an application enabled after its read on another process, so both stay', async () => {
    const connection = await aConnection();
    const other = await h.testStore().reopen();
    const { connections, reads } = withWriteInBetween(h.store().connections, () =>
      updateConnection(other.connections, connection.tenant, connection.id, (current) => withClientEnabled(current, 'app-a', true)),
    );

    const saved = await updateConnection(connections, connection.tenant, connection.id, newCredentials);

    expect(reads()).toBe(2);
    expect(saved.enabledClients).toEqual(['app-a']);
    expect(saved.options.clientId).toBe('UP999');
    expect(saved.revision).toBe(2);
    expect(await h.store().connections.getStored(connection.tenant, connection.id)).toEqual(saved);
  });

  it('re-applies an application switch over credentials saved after its read, so the new credentials stay', async () => {
    const connection = await aConnection({ enabledClients: ['app-a'] });
    const other = await h.testStore().reopen();
    const { connections } = withWriteInBetween(h.store().connections, () =>
      updateConnection(other.connections, connection.tenant, connection.id, newCredentials),
    );

    const switched = await updateConnection(connections, connection.tenant, connection.id, (current) => withClientEnabled(current, 'app-b', true));

    expect(switched.enabledClients).toEqual(['app-a', 'app-b']);
    expect(switched.options).toMatchObject({ clientId: 'UP999', clientSecret: fakeSealed('v1.new') });
  });

  it('writes nothing when the change leaves the connection as it is, and refuses a missing one', async () => {
    const connection = await aConnection({ enabledClients: ['app-a'] });
    const same = await updateConnection(h.store().connections, connection.tenant, connection.id, (current) =>
      withClientEnabled(current, 'app-a', true),
    );
    expect(same.revision).toBeUndefined();
    await expect(updateConnection(h.store().connections, connection.tenant, 'con_missing', (current) => current)).rejects.toBeInstanceOf(
      NotFoundInStoreError,
    );
  });

  it('takes a deleted client out of every connection of the tenant, keeping what else changed', async () => {
    const first = await aConnection({ enabledClients: ['gone', 'kept'] });
    const second = connectionRecord(first.tenant, { enabledClients: ['gone'] });
    await h.store().connections.create(second);
    const other = await h.testStore().reopen();
    const { connections } = withWriteInBetween(h.store().connections, () =>
      updateConnection(other.connections, first.tenant, first.id, (current) => withClientEnabled(current, 'new', true)),
    );

    await forgetEnabledClient(connections, first.tenant, 'gone');

    expect((await h.store().connections.getStored(first.tenant, first.id))?.enabledClients).toEqual(['kept', 'new']);
    expect((await h.store().connections.getStored(first.tenant, second.id))?.enabledClients).toEqual([]);
  });
});

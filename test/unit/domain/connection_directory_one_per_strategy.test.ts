import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectionConflictError, createConnection } from '../../../src/domain/connection_directory.js';
import { newConnection } from '../../../src/domain/new_connection.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/** The rule both surfaces create a connection by: one connection per strategy in a tenant. */
describe('creating a connection of a strategy the tenant has', () => {
  const options = { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login' as const };
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openSqliteTestStore();
  });
  afterEach(() => testStore.cleanup());

  it('is refused under another name, naming the one the tenant has, and stores nothing', async () => {
    const connections = testStore.store.connections;
    const first = newConnection('default', { strategy: 'acme' }, options, new Date(), 'acme-main');
    await createConnection(connections, first);

    const refusal = await createConnection(connections, newConnection('default', { strategy: 'acme' }, options, new Date(), 'acme-second')).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ConnectionConflictError);
    expect(refusal).toMatchObject({ status: 409, code: 'connection_conflict', rule: 'strategy_taken', holder: { id: first.id, name: 'acme-main', strategy: 'acme' } });
    expect((refusal as Error).message).toContain(`"acme-main", ${first.id}`);
    expect((await connections.list('default')).map((connection) => connection.id)).toEqual([first.id]);
  });

  it('is refused under a name differing only in letter case, as the store keys names exactly', async () => {
    const connections = testStore.store.connections;
    await createConnection(connections, newConnection('default', { strategy: 'acme' }, options, new Date(), 'Acme'));

    await expect(createConnection(connections, newConnection('default', { strategy: 'acme' }, options))).rejects.toMatchObject({ rule: 'strategy_taken' });
  });

  it('leaves other strategies and other tenants free', async () => {
    const connections = testStore.store.connections;
    await createConnection(connections, newConnection('default', { strategy: 'acme' }, options));

    await createConnection(connections, newConnection('default', { strategy: 'fitbit' }, options));
    await createConnection(connections, newConnection('other', { strategy: 'acme' }, options));

    expect((await connections.list('default')).map((connection) => connection.strategy).sort()).toEqual(['acme', 'fitbit']);
    expect((await connections.list('other')).map((connection) => connection.strategy)).toEqual(['acme']);
  });
});

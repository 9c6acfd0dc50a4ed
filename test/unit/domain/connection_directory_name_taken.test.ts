import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ConnectionConflictError, createConnection, NAME_TAKEN_MESSAGE } from '../../../src/domain/connection_directory.js';
import { newConnection } from '../../../src/domain/new_connection.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/**
 * A name the tenant already has refuses a creation in Auth0's words, whatever the strategy of the
 * connection holding it, and names that connection for a surface to explain (the store's own
 * AlreadyExistsError never leaves the domain).
 */
describe('creating a connection under a name the tenant has', () => {
  const options = { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login' as const };
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openSqliteTestStore();
  });
  afterEach(() => testStore.cleanup());

  it('is a name_taken conflict naming the holder, of another strategy, and stores nothing', async () => {
    const connections = testStore.store.connections;
    const holder = newConnection('default', { strategy: 'fitbit' }, options, new Date(), 'acme');
    await createConnection(connections, holder);

    const refusal = await createConnection(connections, newConnection('default', { strategy: 'acme' }, options)).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ConnectionConflictError);
    expect(refusal).toMatchObject({
      status: 409,
      code: 'connection_conflict',
      message: 'A connection with the same name already exists',
      rule: 'name_taken',
      holder: { id: holder.id, name: 'acme', strategy: 'fitbit' },
    });
    expect(NAME_TAKEN_MESSAGE).toBe('A connection with the same name already exists');
    expect((await connections.list('default')).map((connection) => connection.id)).toEqual([holder.id]);
  });

  it('is a name_taken conflict for a second of the strategy under the same name', async () => {
    const connections = testStore.store.connections;
    const first = newConnection('default', { strategy: 'acme' }, options);
    await createConnection(connections, first);

    await expect(createConnection(connections, newConnection('default', { strategy: 'acme' }, options))).rejects.toMatchObject({
      rule: 'name_taken',
      holder: { id: first.id },
    });
  });
});

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap, type BootstrapDeps } from '../../../src/domain/bootstrap.js';
import { createSealer } from '../../../src/store/sealing.js';
import { fakePlugin } from '../../support/fake_plugin.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

// Each test generates an RSA key and a scrypt hash.
jest.setTimeout(90_000);

const sealer = createSealer([randomBytes(32)]);

/** The connection of a fresh install is the first registered plugin's, as that plugin declares it. */
describe('the connection first start creates', () => {
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openSqliteTestStore();
  });
  afterEach(() => testStore.cleanup());

  const deps = (plugins: ConnectionPlugin[]): BootstrapDeps => ({
    config: { publicUrl: 'http://localhost:3000', baseHost: 'localhost:3000', admin: { email: undefined, password: undefined }, bootstrapClient: undefined },
    store: testStore.store,
    sealer,
    plugins: new Map(plugins.map((plugin) => [plugin.strategy, plugin])),
  });

  it('is the first plugin’s, named like its strategy, on its first API with its default permissions', async () => {
    const fitbit = connectionPlugins().get('fitbit')!;
    const result = await bootstrap(deps([fakePlugin(), fitbit]));
    expect(result.created).toContain('connection');
    const connections = await testStore.store.connections.list('default');
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ name: 'acme', strategy: 'acme', enabledClients: [], options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login' } });
    expect(connections[0]?.options.clientId).toBeUndefined();
  });

  it('is none when no plugin is registered', async () => {
    const result = await bootstrap(deps([]));
    expect(result.created).toEqual(['tenant', 'admin']);
    expect(await testStore.store.connections.list('default')).toEqual([]);
  });
});

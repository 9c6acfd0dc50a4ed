import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap, GENERATED_ADMIN_EMAIL, type BootstrapDeps } from '../../../src/domain/bootstrap.js';
import { verifyClientSecret } from '../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { verifyPassword } from '../../../src/domain/passwords.js';
import { createSealer } from '../../../src/store/sealing.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

// Each test generates an RSA key and scrypt hashes; the whole suite shares two loaded cores.
jest.setTimeout(90_000);

const sealer = createSealer([randomBytes(32)]);
const BASE = { publicUrl: 'http://localhost:3000', baseHost: 'localhost:3000' };
const NO_ADMIN = { email: undefined, password: undefined };

describe('first-start bootstrap', () => {
  let testStore: TestStore;
  beforeEach(async () => {
    testStore = await openSqliteTestStore();
  });
  afterEach(() => testStore.cleanup());

  const deps = (config: Partial<BootstrapDeps['config']> = {}): BootstrapDeps => ({
    config: { ...BASE, admin: NO_ADMIN, bootstrapClient: undefined, ...config },
    store: testStore.store,
    sealer,
    plugins: connectionPlugins(),
  });

  it('creates the default tenant with a signing key, a sandbox Fitbit connection and an admin with a generated password', async () => {
    const result = await bootstrap(deps());
    expect(result.created).toEqual(['tenant', 'connection', 'admin']);
    expect(result.dashboardUrl).toBe('http://localhost:3000/manage');

    const tenant = await testStore.store.tenants.get('default');
    expect(tenant?.signingKeys.map((key) => key.status)).toEqual(['current', 'next']);
    const connection = await testStore.store.connections.getByName('default', 'fitbit');
    expect(connection).toMatchObject({ strategy: 'fitbit', options: { api: 'google-health', scope: ['activity', 'heartrate', 'profile', 'sleep'] } });
    expect(connection?.options.clientId).toBeUndefined();

    expect(result.admin?.email).toBe(GENERATED_ADMIN_EMAIL);
    const password = result.admin?.generatedPassword ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const admin = await testStore.store.admins.get(GENERATED_ADMIN_EMAIL);
    expect(admin?.tenants).toEqual(['default']);
    expect(admin?.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, admin?.passwordHash ?? '')).toBe(true);
  });

  it('creates nothing and reveals no password on a second start, keeping the signing key', async () => {
    await bootstrap(deps());
    const keyBefore = (await testStore.store.tenants.get('default'))?.signingKeys[0]?.kid;
    const again = await bootstrap(deps());
    expect(again.created).toEqual([]);
    expect(again.admin).toBeUndefined();
    expect((await testStore.store.tenants.get('default'))?.signingKeys[0]?.kid).toBe(keyBefore);
    expect(await testStore.store.connections.list('default')).toHaveLength(1);
    expect(await testStore.store.admins.count()).toBe(1);
  });

  it('does not re-create a Fitbit connection an admin deleted', async () => {
    await bootstrap(deps());
    const connection = await testStore.store.connections.getByName('default', 'fitbit');
    await testStore.store.connections.delete('default', connection?.id ?? '');
    await bootstrap(deps());
    expect(await testStore.store.connections.list('default')).toEqual([]);
  });

  it('uses FITGATE_ADMIN_EMAIL and FITGATE_ADMIN_PASSWORD when given, and never changes that admin later', async () => {
    const admin = { email: 'Ops@Example.com', password: 'correct horse battery staple' };
    const first = await bootstrap(deps({ admin }));
    expect(first.admin).toEqual({ email: 'ops@example.com' });
    const stored = await testStore.store.admins.get('ops@example.com');
    expect(await verifyPassword(admin.password, stored?.passwordHash ?? '')).toBe(true);

    await bootstrap(deps({ admin: { ...admin, password: 'another password entirely' } }));
    const after = await testStore.store.admins.get('ops@example.com');
    expect(after?.passwordHash).toBe(stored?.passwordHash);
  });

  it('creates the machine-to-machine client with every Management API scope and only a hash of its secret', async () => {
    const bootstrapClient = { clientId: 'automation-client', clientSecret: 'a-bootstrap-secret-of-at-least-32-chars' };
    const result = await bootstrap(deps({ bootstrapClient }));
    expect(result.created).toContain('client');
    const client = await testStore.store.clients.get('default', 'automation-client');
    expect(client).toMatchObject({ appType: 'non_interactive', grantTypes: ['client_credentials'] });
    expect(client?.managementScopes).toEqual([...MANAGEMENT_API_SCOPES]);
    expect(JSON.stringify(client)).not.toContain(bootstrapClient.clientSecret);
    expect(verifyClientSecret(client ?? {}, bootstrapClient.clientSecret)).toBe(true);

    const again = await bootstrap(deps({ bootstrapClient }));
    expect(again.created).toEqual([]);
    expect(again.clientSecretIgnored).toBeUndefined();
  });

  it('keeps the stored client secret and says so when the configured one changed', async () => {
    const bootstrapClient = { clientId: 'automation-client', clientSecret: 'a-bootstrap-secret-of-at-least-32-chars' };
    await bootstrap(deps({ bootstrapClient }));
    const changed = await bootstrap(deps({ bootstrapClient: { ...bootstrapClient, clientSecret: 'b'.repeat(40) } }));
    expect(changed.clientSecretIgnored).toBe(true);
    const client = await testStore.store.clients.get('default', 'automation-client');
    expect(verifyClientSecret(client ?? {}, bootstrapClient.clientSecret)).toBe(true);
  });

  it('lets only one of two instances starting together create the records and print a password', async () => {
    const other = await testStore.reopen();
    const [a, b] = await Promise.all([bootstrap(deps()), bootstrap({ ...deps(), store: other })]);
    expect([a.admin?.generatedPassword, b.admin?.generatedPassword].filter(Boolean)).toHaveLength(1);
    expect(await testStore.store.admins.count()).toBe(1);
    expect(await testStore.store.connections.list('default')).toHaveLength(1);
  });
});

import { afterAll, describe, expect, it } from '@jest/globals';
import { readFirstPasswordFile } from '../../../src/dashboard/account/first_password_file.js';
import { verifyClientSecret } from '../../../src/domain/clients.js';
import { verifyPassword } from '../../../src/domain/passwords.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { jwksKids, SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

/** The start-up line, a JSON log line on stdout that is not a terminal (as here). */
const LISTENING = /fitgate is listening on port/;
const listening = async (server: RunningServer) => JSON.parse(await server.waitForLine(LISTENING)) as { dashboardUrl: string; admin?: string };

/** Opens the data directory a stopped server left behind. */
async function inspect<T>(dataDir: string, read: (store: SqliteStore) => Promise<T>): Promise<T> {
  const store = SqliteStore.open(dataDir);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

describe('first start and restart on the embedded store', () => {
  const running: RunningServer[] = [];
  const start = (environment: Record<string, string>) => {
    const server = startServer(environment);
    running.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
  });

  it('logs the dashboard URL and keeps a generated password, and a restart generates none and keeps the data', async () => {
    const dataDir = tempDataDir();
    const first = start({ FITGATE_DATA_DIR: dataDir });
    const port = await first.port();
    expect((await listening(first)).dashboardUrl).toBe('http://localhost:3000/manage');
    // Never on stdout outside a terminal (first_password.test.ts): in the data directory's 0600 file.
    await first.waitForLine(/its generated password is in/);
    const { email, password } = (await readFirstPasswordFile(dataDir)) ?? {};
    expect(email).toBe('admin@fitgate.local');
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const kids = await jwksKids(port);
    // The signing key and the next one, published before it signs (Auth0's key states).
    expect(kids).toHaveLength(2);
    expect(await first.stop()).toBe(0);

    const second = start({ FITGATE_DATA_DIR: dataDir });
    const secondPort = await second.port();
    expect(second.stdout()).not.toContain(password!);
    expect(await jwksKids(secondPort)).toEqual(kids);
    expect(await second.stop()).toBe(0);

    await inspect(dataDir, async (store) => {
      expect(await store.admins.count()).toBe(1);
      const admin = await store.admins.get(email ?? '');
      expect(await verifyPassword(password ?? '', admin?.passwordHash ?? '')).toBe(true);
      expect((await store.connections.list('default')).map((c) => c.name)).toEqual(['fitbit']);
    });
  }, SERVER_TEST_TIMEOUT_MS);

  it('creates the bootstrap machine-to-machine client once and keeps it across restarts', async () => {
    const dataDir = tempDataDir();
    const environment = {
      FITGATE_DATA_DIR: dataDir,
      FITGATE_ADMIN_EMAIL: 'ops@example.com',
      FITGATE_ADMIN_PASSWORD: 'a long enough password',
      FITGATE_BOOTSTRAP_CLIENT_ID: 'automation-client',
      FITGATE_BOOTSTRAP_CLIENT_SECRET: 'bootstrap-secret-marker-0123456789abcdef',
    };
    const first = start(environment);
    const announced = await listening(first);
    expect(announced.admin).toBe('ops@example.com');
    expect(first.stdout()).toContain('admin ops@example.com (password from FITGATE_ADMIN_PASSWORD)');
    expect(first.stdout()).not.toContain('bootstrap-secret-marker');
    expect(await first.stop()).toBe(0);

    const second = start(environment);
    expect((await listening(second)).admin).toBeUndefined();
    expect([await second.stop(), second.stderr()]).toEqual([0, '']);

    await inspect(dataDir, async (store) => {
      const { items } = await store.clients.list('default', { page: 0, perPage: 10 });
      expect(items.map((client) => client.clientId)).toEqual(['automation-client']);
      expect(verifyClientSecret(items[0] ?? {}, environment.FITGATE_BOOTSTRAP_CLIENT_SECRET)).toBe(true);
      expect(items[0]?.managementScopes).toContain('read:user_idp_tokens');
    });
  }, SERVER_TEST_TIMEOUT_MS);
});

import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import { loadConfig } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient, type NewClient, type NewClientInput } from '../../../src/domain/clients.js';
import { buildTenant, DEFAULT_TENANT } from '../../../src/domain/tenants.js';
import type { Connection } from '../../../src/domain/types.js';
import { emulatedBy } from '../../../src/sandbox/sandbox.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { DEMO, startTestEmulator, type TestEmulator } from '../emulator.js';
import { openSqliteTestStore, type TestStore } from '../stores.js';
import { makeTestCertificate, type TestCertificate } from './test_certificate.js';
import { startTlsProxy, type TlsProxy } from './tls_proxy.js';

/**
 * fitgate as an Auth0 SDK meets it: https://localhost:PORT (the default tenant) through the TLS
 * proxy, FITGATE_TRUST_PROXY=loopback, on an embedded store, with a Fitbit connection (Google Health
 * API) whose logins go to a standalone emulator where `user` approves every request at once.
 */
export interface FitgateBehindTls {
  /** "https://localhost:PORT": FITGATE_PUBLIC_URL, the SDKs' issuer. */
  readonly publicUrl: string;
  /** "localhost:PORT": what an SDK takes as its Auth0 domain. */
  readonly domain: string;
  /** For NODE_EXTRA_CA_CERTS of a child process, or `ca` of a request in this one. */
  readonly certificate: TestCertificate;
  readonly deps: AppDeps;
  readonly store: Store;
  readonly tenant: string;
  readonly connection: Connection;
  readonly emulator: TestEmulator;
  /** Creates an application in the default tenant, enabled for the Fitbit connection. */
  addClient(input: Omit<NewClientInput, 'tenant'>): Promise<NewClient>;
  close(): Promise<void>;
}

export async function startFitgateBehindTls(options: { user?: string } = {}): Promise<FitgateBehindTls> {
  const certificate = await makeTestCertificate();
  const emulator = await startTestEmulator();
  emulator.control.setAutoConsent({ user: options.user ?? 'alice', decision: 'approve' });
  let target = '';
  const proxy: TlsProxy = await startTlsProxy({ certificate, target: () => target });
  const testStore: TestStore = await openSqliteTestStore();
  const store = testStore.store;

  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_PUBLIC_URL: proxy.url,
    FITGATE_TRUST_PROXY: 'loopback',
    FITGATE_DATA_DIR: tmpdir(),
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    FITGATE_SANDBOX: 'off',
    FITGATE_UPSTREAM_BASE_URL: emulator.url,
    LOG_LEVEL: 'silent',
  });
  const sealer = createSealer(config.masterKeys);
  const deps: AppDeps = {
    config,
    store,
    sealer,
    logger: pino({ level: 'silent' }),
    plugins: connectionPlugins(),
    internalBaseUrl: () => target,
    // As server.ts: FITGATE_UPSTREAM_BASE_URL reaches the upstreams the emulator plays.
    emulated: emulatedBy(connectionPlugins()),
  };
  await store.tenants.create(await buildTenant(DEFAULT_TENANT, sealer));
  const now = new Date().toISOString();
  const connection: Connection = {
    tenant: DEFAULT_TENANT,
    id: `con_${randomBytes(8).toString('hex')}`,
    name: 'fitbit',
    strategy: 'fitbit',
    options: {
      api: 'google-health',
      scope: ['activity', 'profile'],
      profileSync: 'on_each_login',
      clientId: DEMO.googleServer.clientId,
      clientSecret: sealer.seal(DEMO.googleServer.clientSecret),
    },
    enabledClients: [],
    createdAt: now,
    updatedAt: now,
  };
  await store.connections.create(connection);
  emulator.control.addRedirectUri(DEMO.googleServer.clientId, `${proxy.url}/login/callback`);

  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    publicUrl: proxy.url,
    domain: new URL(proxy.url).host,
    certificate,
    deps,
    store,
    tenant: DEFAULT_TENANT,
    connection,
    emulator,
    async addClient(input) {
      const created = await createClient(store.clients, { ...input, tenant: DEFAULT_TENANT });
      const current = await store.connections.getByName(DEFAULT_TENANT, connection.name);
      if (!current) throw new Error('the Fitbit connection is gone');
      await store.connections.update({ ...current, enabledClients: [...current.enabledClients, created.client.clientId] });
      return created;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await proxy.close();
      await emulator.close();
      await testStore.cleanup();
      await certificate.remove();
    },
  };
}

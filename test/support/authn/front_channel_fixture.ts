import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import type { BackgroundWork } from '../../../src/http/background_work.js';
import { emulatedBy, inProcessSandbox, type Sandbox } from '../../../src/sandbox/sandbox.js';
import { loadConfig } from '../../../src/config/index.js';
import type { FitbitApi } from '../../../src/connections/fitbit/index.js';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { buildTenant, tenantUrl as urlOfTenant } from '../../../src/domain/tenants.js';
import type { Client, Connection, ConnectionOptions } from '../../../src/domain/types.js';
import type { EmulatorControl } from '../../../src/emulator/index.js';
import { instrumentStore } from '../../../src/metrics/instrument_store.js';
import type { Metrics } from '../../../src/metrics/metrics.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { afterAll, beforeAll } from '@jest/globals';
import { DEMO, startTestEmulator, type TestEmulator } from '../emulator.js';
import type { StoreHarness } from '../stores.js';
import { Browser } from './browser.js';

export const CLIENT_CALLBACK = 'https://app.example/callback';
export const PUBLIC_URL = 'http://localhost:3000';

/**
 * Where logins go upstream: `emulator` is a standalone emulator reached through
 * FITGATE_UPSTREAM_BASE_URL with real credentials on the connection; `sandbox` is the in-process
 * emulator of a connection without credentials; `unconfigured` has neither (sandbox off, no credentials).
 */
export type UpstreamMode = { kind: 'emulator'; emulator: TestEmulator } | { kind: 'sandbox' } | { kind: 'unconfigured' };

export interface FrontChannelOptions {
  store: Store;
  upstream: UpstreamMode;
  api?: FitbitApi;
  upstreamTimeoutMs?: number;
  /** Counted by the app, with the store's calls timed (the fixture's own set-up writes are not). */
  metrics?: Metrics;
  /** The work requests leave running (back-channel logout), for a test to wait on; none by default. */
  background?: BackgroundWork;
  /** Where the app logs; silent by default. */
  logger?: AppDeps['logger'];
  /** Settings over the fixture's own (e.g. NODE_ENV=production), as the environment gives them. */
  environment?: Record<string, string>;
  /** The plugins logins resolve through (a registered one with a member changed): the registry's unless given. */
  plugins?: ReadonlyMap<string, ConnectionPlugin>;
}

/** One fitgate instance listening on loopback, with a tenant, two clients and a Fitbit connection. */
export interface FrontChannel {
  deps: AppDeps;
  store: Store;
  /** "http://acme1a2b3c.localhost:3000" */
  tenantUrl: string;
  tenant: string;
  /** A confidential web app and a public SPA, both with CLIENT_CALLBACK. */
  webClient: Client;
  /** The web client's secret, shown once at creation. */
  webClientSecret: string;
  spaClient: Client;
  connection: Connection;
  /** The emulator serving this instance's logins (standalone or sandbox). */
  upstream: EmulatorControl;
  /** A fresh browser with an empty cookie jar. */
  browser(): Browser;
  /** `${tenantUrl}/authorize?...` for the web client, with `params` added (undefined removes one). */
  authorizeUrl(params?: Record<string, string | undefined>): string;
  updateConnection(options: Partial<ConnectionOptions>): Promise<void>;
  /** "http://127.0.0.1:PORT" where this instance listens. */
  url: string;
  /**
   * Another instance of fitgate with the same secrets, on `store` (by default this one's): a second
   * process behind a load balancer.
   */
  anotherInstance(store?: Store): Promise<FrontChannel>;
  close(): Promise<void>;
}

export async function startFrontChannel(options: FrontChannelOptions): Promise<FrontChannel> {
  const tenant = `acme${randomBytes(3).toString('hex')}`;
  const secrets = { master: randomBytes(32).toString('base64'), session: randomBytes(32).toString('hex') };
  const instance = await startInstance(options, secrets);
  const api = options.api ?? 'google-health';
  const { store } = options;
  const sealer = instance.deps.sealer;

  await store.tenants.create(await buildTenant(tenant, sealer));
  const tenantUrl = urlOfTenant(instance.deps.config, tenant);
  const web = await createClient(store.clients, { tenant, name: 'Acme Web', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] });
  const spa = await createClient(store.clients, { tenant, name: 'Acme SPA', appType: 'spa', callbacks: [CLIENT_CALLBACK] });

  const now = new Date().toISOString();
  const connection: Connection = {
    tenant,
    id: `con_${randomBytes(8).toString('hex')}`,
    name: 'fitbit',
    strategy: 'fitbit',
    options: { api, scope: ['activity', 'profile'], profileSync: 'on_each_login', ...upstreamCredentials(options.upstream, api, sealer) },
    enabledClients: [web.client.clientId, spa.client.clientId],
    createdAt: now,
    updatedAt: now,
  };
  await store.connections.create(connection);
  if (options.upstream.kind === 'emulator') {
    for (const app of [DEMO.googleServer.clientId, DEMO.legacyServer.clientId]) {
      options.upstream.emulator.control.addRedirectUri(app, `${tenantUrl}/login/callback`);
    }
  }

  const fixture = (running: RunningInstance): FrontChannel => ({
    deps: running.deps,
    store,
    tenantUrl,
    tenant,
    webClient: web.client,
    webClientSecret: web.clientSecret ?? '',
    spaClient: spa.client,
    connection,
    get upstream(): EmulatorControl {
      const control = options.upstream.kind === 'emulator' ? options.upstream.emulator.control : sandboxControl(running.sandbox);
      if (!control) throw new Error('this fixture has no emulator: the sandbox is off and no emulator was given');
      return control;
    },
    browser: () => new Browser(running.url, new Set([new URL(tenantUrl).host])),
    authorizeUrl(params = {}) {
      const url = new URL('/authorize', tenantUrl);
      const all: Record<string, string | undefined> = {
        response_type: 'code',
        client_id: web.client.clientId,
        redirect_uri: CLIENT_CALLBACK,
        scope: 'openid profile email offline_access',
        state: `client-state-${randomBytes(4).toString('hex')}`,
        nonce: `nonce-${randomBytes(4).toString('hex')}`,
        ...params,
      };
      for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
      return url.href;
    },
    async updateConnection(patch) {
      const current = await store.connections.getByName(tenant, 'fitbit');
      if (!current) throw new Error('the fixture connection is gone');
      await store.connections.update({ ...current, options: { ...current.options, ...patch } });
    },
    url: running.url,
    async anotherInstance(other = store) {
      return fixture(await startInstance({ ...options, store: other }, secrets));
    },
    close: running.close,
  });
  return fixture(instance);
}

interface RunningInstance {
  deps: AppDeps;
  /** This instance's own sandbox emulator, when the sandbox is on. */
  sandbox: Sandbox | undefined;
  url: string;
  close(): Promise<void>;
}

/** The sandbox's Fitbit emulator, as the Fitbit plugin's sandbox declaration started it. */
function sandboxControl(sandbox: Sandbox | undefined): EmulatorControl | undefined {
  return sandbox?.emulatorControl('fitbit') as EmulatorControl | undefined;
}

async function startInstance(
  options: FrontChannelOptions,
  secrets: { master: string; session: string },
): Promise<RunningInstance> {
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_PUBLIC_URL: PUBLIC_URL,
    FITGATE_DATA_DIR: tmpdir(),
    FITGATE_MASTER_KEY: secrets.master,
    FITGATE_SESSION_SECRETS: secrets.session,
    FITGATE_SANDBOX: options.upstream.kind === 'sandbox' ? 'on' : 'off',
    ...(options.upstream.kind === 'emulator' ? { FITGATE_UPSTREAM_BASE_URL: options.upstream.emulator.url } : {}),
    LOG_LEVEL: 'silent',
    ...options.environment,
  });
  let url = '';
  const sandbox = inProcessSandbox(config, connectionPlugins(), () => url);
  const deps: AppDeps = {
    config,
    store: options.metrics ? instrumentStore(options.store, options.metrics.store) : options.store,
    sealer: createSealer(config.masterKeys),
    logger: options.logger ?? pino({ level: 'silent' }),
    plugins: options.plugins ?? connectionPlugins(),
    internalBaseUrl: () => url,
    ...(sandbox ? { sandbox } : {}),
    // As server.ts: FITGATE_UPSTREAM_BASE_URL (upstream `emulator`) reaches the upstreams the emulator plays.
    emulated: emulatedBy(connectionPlugins()),
    ...(options.upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.background ? { background: options.background } : {}),
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    deps,
    sandbox,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandboxControl(sandbox)?.releaseHeld();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function upstreamCredentials(upstream: UpstreamMode, api: FitbitApi, sealer: AppDeps['sealer']): Partial<ConnectionOptions> {
  if (upstream.kind !== 'emulator') return {};
  const app = api === 'google-health' ? DEMO.googleServer : DEMO.legacyServer;
  return { clientId: app.clientId, clientSecret: sealer.seal(app.clientSecret) };
}

/**
 * For a describeEachStore suite: fitgate on the harness's store with logins going to `emulator`,
 * started in beforeAll (then handed to `prepare`, for the records the suite needs) and closed in
 * afterAll. The returned function gives it inside tests and hooks.
 */
export function useFrontChannel(harness: StoreHarness, emulator: () => TestEmulator, prepare?: (fitgate: FrontChannel) => Promise<void>): () => FrontChannel {
  let fitgate: FrontChannel | undefined;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    await prepare?.(fitgate);
  });
  afterAll(async () => {
    await fitgate?.close();
    fitgate = undefined;
  });
  return () => {
    if (!fitgate) throw new Error('fitgate starts in beforeAll: read it inside a test or hook of the suite that called useFrontChannel()');
    return fitgate;
  };
}

/**
 * A standalone emulator for the whole test file, started in beforeAll and closed in afterAll; with
 * `autoConsent`, that test user approves every authorize request at once.
 */
export function useEmulator(autoConsent?: string): () => TestEmulator {
  let emulator: TestEmulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    if (autoConsent) emulator.control.setAutoConsent({ user: autoConsent, decision: 'approve' });
  });
  afterAll(() => emulator?.close());
  return () => {
    if (!emulator) throw new Error('the emulator starts in beforeAll');
    return emulator;
  };
}

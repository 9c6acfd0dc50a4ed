import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { signJwt } from '../../../src/authn/tokens/sign_jwt.js';
import { issuerOf } from '../../../src/domain/tenants.js';
import { tenantKeysFor } from '../../../src/authn/keys/tenant_keys.js';
import { loadConfig } from '../../../src/config/index.js';
import type { FitbitApi } from '../../../src/connections/fitbit/index.js';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { buildTenant, tenantUrl } from '../../../src/domain/tenants.js';
import type { Connection, Tenant, User } from '../../../src/domain/types.js';
import type { EmulatorOptions } from '../../../src/emulator/index.js';
import { emulatedBy } from '../../../src/sandbox/sandbox.js';
import type { BackgroundWork } from '../../../src/http/background_work.js';
import { createLogger } from '../../../src/logging/index.js';
import type { Metrics } from '../../../src/metrics/metrics.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { DEMO, googleLogin, legacyLogin, startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { emulatorHandle } from '../../support/use_emulator.js';
import { openTestStore, type StoreKind, type TestStore } from '../../support/stores.js';

/**
 * fitgate apps (one or several instances sharing one store, as several processes share Redis) with
 * two tenants, a Fitbit connection pointed at the test emulator, and Management API tokens obtained
 * the way a customer gets them: client_credentials at the tenant's /oauth/token.
 */

export const TENANT = 'acme';
export const OTHER_TENANT = 'globex';

export interface HarnessOptions {
  store?: StoreKind;
  /** How many app instances share the store. */
  instances?: number;
  emulator?: TestEmulator;
  api?: FitbitApi;
  /** How long upstream calls may take (AppDeps.upstreamTimeoutMs). */
  upstreamTimeoutMs?: number;
  /** What every instance counts (AppDeps.metrics). */
  metrics?: Metrics;
  /** Where every instance tracks the work its requests leave running (AppDeps.background). */
  background?: BackgroundWork;
  /** The connection plugins every instance has; the registry's (Fitbit) when left out. */
  plugins?: ReadonlyMap<string, ConnectionPlugin>;
}

export interface ManagementHarness {
  apps: Express[];
  deps: AppDeps[];
  store: Store;
  tenant: Tenant;
  host: string;
  otherHost: string;
  connection: Connection;
  /** A Management API token of the acme tenant carrying exactly these scopes. */
  tokenWith(scopes: readonly string[], tenant?: string): Promise<string>;
  /** A correctly signed acme Management API token that expired an hour ago. */
  expiredToken(scopes: readonly string[]): Promise<string>;
  /** A Management API request on instance 0 (or `instance`) of the acme tenant. */
  call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, token: string, body?: object, instance?: number): request.Test;
  /** Logs `login` in at the emulator and stores the user with those upstream tokens. */
  seedUser(login: string, options?: { expiresInSeconds?: number }): Promise<User>;
  cleanup(): Promise<void>;
}

export async function startManagementHarness(label: string, options: HarnessOptions = {}): Promise<ManagementHarness> {
  const testStore: TestStore = await openTestStore(options.store ?? 'sqlite', label);
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...(options.emulator ? { FITGATE_UPSTREAM_BASE_URL: options.emulator.url } : {}),
  });
  const sealer = createSealer(config.masterKeys);
  const stores = [testStore.store];
  for (let index = 1; index < (options.instances ?? 1); index += 1) stores.push(await testStore.reopen());
  const deps: AppDeps[] = stores.map((store) => ({
    config,
    store,
    sealer,
    logger: createLogger({ level: 'silent' }),
    plugins: options.plugins ?? connectionPlugins(),
    internalBaseUrl: () => 'http://127.0.0.1:0',
    // As server.ts: FITGATE_UPSTREAM_BASE_URL (options.emulator) reaches the upstreams the emulator plays.
    emulated: emulatedBy(options.plugins ?? connectionPlugins()),
    ...(options.upstreamTimeoutMs !== undefined ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.background ? { background: options.background } : {}),
  }));
  const store = testStore.store;

  const tenant = await buildTenant(TENANT, sealer);
  await store.tenants.create(tenant);
  await store.tenants.create(await buildTenant(OTHER_TENANT, sealer));
  const api = options.api ?? 'fitbit-legacy';
  const upstreamApp = api === 'fitbit-legacy' ? DEMO.legacyServer : DEMO.googleServer;
  const now = new Date().toISOString();
  const connection: Connection = {
    tenant: TENANT,
    id: `con_${randomBytes(8).toString('hex')}`,
    name: 'fitbit',
    strategy: 'fitbit',
    options: {
      api,
      clientId: upstreamApp.clientId,
      clientSecret: sealer.seal(upstreamApp.clientSecret),
      scope: ['activity', 'heartrate', 'profile'],
      profileSync: 'on_each_login',
    },
    enabledClients: [],
    createdAt: now,
    updatedAt: now,
  };
  await store.connections.create(connection);

  const apps = deps.map((instance) => createApp(instance));
  const host = new URL(tenantUrl(config, TENANT)).host;
  const otherHost = new URL(tenantUrl(config, OTHER_TENANT)).host;

  async function tokenWith(scopes: readonly string[], tenantName = TENANT): Promise<string> {
    const { client, clientSecret } = await createClient(store.clients, {
      tenant: tenantName,
      name: `m2m ${scopes.join(' ') || 'none'}`,
      appType: 'non_interactive',
      // A client needs at least one scope to get a token at all; the token request narrows it.
      managementScopes: [...MANAGEMENT_API_SCOPES],
    });
    const response = await request(apps[0]!)
      .post('/oauth/token')
      .set('Host', new URL(tenantUrl(config, tenantName)).host)
      .send({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: clientSecret,
        audience: managementApiAudience(tenantUrl(config, tenantName)),
        ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
      });
    if (response.status !== 200) throw new Error(`client_credentials failed: ${response.status} ${response.text}`);
    const body = response.body as { access_token: string; scope: string };
    if (body.scope !== scopes.join(' ')) throw new Error(`asked for "${scopes.join(' ')}", got "${body.scope}"`);
    return body.access_token;
  }

  async function expiredToken(scopes: readonly string[]): Promise<string> {
    const url = tenantUrl(config, TENANT);
    return signJwt(
      tenantKeysFor(deps[0]!),
      tenant,
      { client_id: 'expired-client', scope: scopes.join(' '), gid: randomUUID(), gty: 'client-credentials' },
      {
        typ: 'at+jwt',
        issuer: issuerOf(url),
        audience: managementApiAudience(url),
        subject: 'expired-client@clients',
        ttlSeconds: 60,
        issuedAt: Math.floor(Date.now() / 1000) - 3600,
      },
    );
  }

  async function seedUser(login: string, seed: { expiresInSeconds?: number } = {}): Promise<User> {
    if (!options.emulator) throw new Error('seedUser needs the emulator');
    const upstream =
      api === 'fitbit-legacy' ? await legacyLogin(options.emulator.url, { user: login }) : await googleLogin(options.emulator.url, { user: login });
    if (upstream.status !== 200) throw new Error(`upstream login failed: ${JSON.stringify(upstream.body)}`);
    const tokens = upstream.body as { access_token: string; refresh_token: string; expires_in: number; user_id?: string };
    const upstreamUser = options.emulator.control.users().find((candidate) => candidate.login === login);
    if (!upstreamUser) throw new Error(`no emulator user ${login}`);
    const upstreamId = api === 'fitbit-legacy' ? upstreamUser.legacyUserId : upstreamUser.healthUserId;
    const created = new Date().toISOString();
    const user: User = {
      tenant: TENANT,
      userId: `fitbit|${upstreamId}`,
      name: upstreamUser.fullName,
      email: upstreamUser.email,
      identities: [
        {
          provider: 'fitbit',
          connection: 'fitbit',
          userId: upstreamId,
          isSocial: true,
          api,
          grantedScopes: ['activity', 'heartrate', 'profile'],
          tokens: {
            accessToken: sealer.seal(tokens.access_token),
            refreshToken: sealer.seal(tokens.refresh_token),
            expiresAt: Date.now() + (seed.expiresInSeconds ?? tokens.expires_in) * 1000,
          },
          status: 'connected',
        },
      ],
      loginsCount: 1,
      lastLogin: created,
      createdAt: created,
      updatedAt: created,
    };
    await store.users.create(user);
    return user;
  }

  function call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, token: string, body?: object, instance = 0): request.Test {
    const pending = request(apps[instance]!)[method](`/api/v2${path}`).set('Host', host).set('Authorization', `Bearer ${token}`);
    return body === undefined ? pending : pending.send(body);
  }

  return {
    apps,
    deps,
    call,
    store,
    tenant,
    host,
    otherHost,
    connection,
    tokenWith,
    expiredToken,
    seedUser,
    cleanup: () => testStore.cleanup(),
  };
}

/** Every member of ManagementHarness, so the handles of the use* helpers read each one. */
const HARNESS_MEMBERS: Record<keyof ManagementHarness, true> = {
  apps: true,
  deps: true,
  store: true,
  tenant: true,
  host: true,
  otherHost: true,
  connection: true,
  tokenWith: true,
  expiredToken: true,
  call: true,
  seedUser: true,
  cleanup: true,
};

/**
 * One harness for the test file that calls this at its top level: started in beforeAll, then
 * `prepare` (to take the file's tokens), cleaned up in afterAll. The handle reads the running
 * harness, so use it inside tests and hooks.
 */
export function useManagementHarness(
  label: string,
  prepare: (harness: ManagementHarness) => Promise<void> = async () => undefined,
  options: HarnessOptions = {},
): ManagementHarness {
  let running: ManagementHarness | undefined;
  beforeAll(async () => {
    running = await startManagementHarness(label, options);
    await prepare(running);
  });
  afterAll(async () => {
    await running?.cleanup();
  });
  return harnessHandle(() => running, 'useManagementHarness');
}

export interface HarnessWithEmulatorOptions extends Omit<HarnessOptions, 'emulator'> {
  /** How to start the file's emulator (apps, users, settings on top of the demo seed). */
  emulatorOptions?: EmulatorOptions;
}

export interface HarnessWithEmulator {
  harness: ManagementHarness;
  emulator: TestEmulator;
}

/**
 * A harness pointed at its own emulator, for the test file that calls this at its top level (or in
 * a describe): in one beforeAll the emulator starts, then the harness, then `prepare`; in afterAll
 * the harness is cleaned up, then the emulator closed. Unlike useEmulator(), the emulator is not
 * reset between tests: what a file's tests leave there (grants, failures, settings) is the file's
 * to undo in its own afterEach. Both handles read the running instances, so use them inside tests
 * and hooks.
 */
export function useHarnessWithEmulator(
  label: string,
  options: HarnessWithEmulatorOptions = {},
  prepare: (harness: ManagementHarness, emulator: TestEmulator) => Promise<void> = async () => undefined,
): HarnessWithEmulator {
  const { emulatorOptions, ...harnessOptions } = options;
  let emulator: TestEmulator | undefined;
  let harness: ManagementHarness | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator(emulatorOptions);
    harness = await startManagementHarness(label, { ...harnessOptions, emulator });
    await prepare(harness, emulator);
  });
  afterAll(async () => {
    await harness?.cleanup();
    await emulator?.close();
    harness = undefined;
    emulator = undefined;
  });
  const currentEmulator = (): TestEmulator => {
    if (!emulator) throw new Error('the test emulator is not running: read it inside a test or hook of the file that called useHarnessWithEmulator()');
    return emulator;
  };
  return {
    harness: harnessHandle(() => harness, 'useHarnessWithEmulator'),
    emulator: emulatorHandle(currentEmulator, async () => {
      const running = currentEmulator();
      emulator = undefined;
      await running.close();
    }),
  };
}

/** A ManagementHarness whose every member reads the one `current()` returns, for a use* helper that hands it out before it starts. */
function harnessHandle(current: () => ManagementHarness | undefined, helper: string): ManagementHarness {
  const handle = {} as ManagementHarness;
  for (const member of Object.keys(HARNESS_MEMBERS) as (keyof ManagementHarness)[]) {
    Object.defineProperty(handle, member, {
      get() {
        const running = current();
        if (!running) throw new Error(`the management harness is not running: read ${member} inside a test or hook of the file that called ${helper}()`);
        return running[member];
      },
    });
  }
  return handle;
}

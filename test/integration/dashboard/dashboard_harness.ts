import { afterAll, beforeAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import type { Logger } from 'pino';
import request from 'supertest';
import type { AppDeps } from '../../../src/app_deps.js';
import { createApp } from '../../../src/app.js';
import { emulatedBy, inProcessSandbox } from '../../../src/sandbox/sandbox.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { hashPassword } from '../../../src/domain/passwords.js';
import { buildTenant } from '../../../src/domain/tenants.js';
import { createLogger } from '../../../src/logging/index.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import type { EmulatedUpstreams } from '../../../src/upstream/sandbox_upstream.js';
import { openSqliteTestStore, type StoreHarness, type TestStore } from '../../support/stores.js';

/**
 * The real app (createApp) on a fresh SQLite store, with tenants and admins seeded directly in the
 * store, for supertest-driven dashboard tests. Requests go to the default tenant's host
 * (localhost:3000) unless a test says otherwise. The app also listens on 127.0.0.1 (port 0), where
 * fitgate reaches its own sandbox emulator over loopback.
 */
export const HOST = 'localhost:3000';

export interface SeededAdmin {
  email: string;
  password: string;
  tenants: string[];
}

export interface DashboardHarness {
  app: Express;
  deps: AppDeps;
  store: Store;
  config: Config;
  /** Creates tenants (with signing keys) and an admin managing them. */
  seedAdmin(email: string, tenants: string[]): Promise<SeededAdmin>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  plugins?: ReadonlyMap<string, ConnectionPlugin>;
  environment?: Record<string, string>;
  /**
   * Another instance's store and data directory (master key, session secret): this app then runs
   * beside it as a second instance, and close() leaves the store to its owner.
   */
  shared?: { store: Store; dataDir: string };
  /** The app's logger (request lines included); silent when left out. */
  logger?: Logger;
  /**
   * What the emulator at a FITGATE_UPSTREAM_BASE_URL in `environment` plays (AppDeps.emulated):
   * what the plugins' sandboxes play, as server.ts sets it, unless given. A test of a plugin without a sandbox
   * gives one that plays it too, to send its connections' calls to a fake upstream
   * (test/support/fake_oauth2_upstream.ts) there.
   */
  emulated?: EmulatedUpstreams;
}

export async function startDashboardHarness(options: HarnessOptions = {}): Promise<DashboardHarness> {
  const testStore: TestStore | undefined = options.shared ? undefined : await openSqliteTestStore();
  const store = options.shared?.store ?? testStore!.store;
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_DATA_DIR: options.shared?.dataDir ?? testStore!.location,
    FITGATE_PUBLIC_URL: `http://${HOST}`,
    LOG_LEVEL: 'silent',
    ...options.environment,
  });
  let internalBaseUrl = '';
  const plugins: ReadonlyMap<string, ConnectionPlugin> = options.plugins ?? new Map();
  const sandbox = inProcessSandbox(config, plugins, () => internalBaseUrl);
  const deps: AppDeps = {
    config,
    store,
    sealer: createSealer(config.masterKeys),
    logger: options.logger ?? createLogger({ level: 'silent' }),
    plugins,
    internalBaseUrl: () => internalBaseUrl,
    ...(sandbox ? { sandbox } : {}),
    // As server.ts unless the test says otherwise: a FITGATE_UPSTREAM_BASE_URL in `environment`
    // reaches the upstreams the emulator plays.
    emulated: options.emulated ?? emulatedBy(plugins),
  };
  // Bootstrap creates the default tenant, whose host (HOST) serves the dashboard in these tests.
  if (!(await deps.store.tenants.get('default'))) await deps.store.tenants.create(await buildTenant('default', deps.sealer));
  const app = createApp(deps);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  internalBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function seedAdmin(email: string, tenants: string[]): Promise<SeededAdmin> {
    for (const name of tenants) {
      if (!(await deps.store.tenants.get(name))) await deps.store.tenants.create(await buildTenant(name, deps.sealer));
    }
    const password = `password for ${email}`;
    await deps.store.admins.create({ email, passwordHash: await hashPassword(password), tenants, createdAt: new Date().toISOString() });
    return { email, password, tenants };
  }

  async function close(): Promise<void> {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await testStore?.cleanup();
  }

  return { app, deps, store: deps.store, config, seedAdmin, close };
}

/** The CSRF token of a rendered dashboard page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no CSRF token field');
  return match[1];
}

export type Agent = ReturnType<typeof request.agent>;

/** A browser-like client (keeps cookies) signed in as `admin` on `host`. */
export async function signedInAgent(app: Express, admin: SeededAdmin, host = HOST): Promise<Agent> {
  const agent = request.agent(app).host(host);
  const form = await agent.get('/manage/login').expect(200);
  await agent
    .post('/manage/login')
    .type('form')
    .send({ _csrf: csrfTokenOf(form.text), email: admin.email, password: admin.password })
    .expect(303);
  return agent;
}

/** GETs a page and returns its CSRF token (tokens live in the session, so any page's will do). */
export async function csrfFrom(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path).expect(200);
  return csrfTokenOf(page.text);
}

/**
 * Submits a dashboard form as a browser would: loads the page that shows it (for the CSRF token),
 * then posts `fields` to `action`. Returns the response without asserting its status.
 */
export async function submitForm(agent: Agent, page: string, action: string, fields: Record<string, string | string[]>) {
  const _csrf = await csrfFrom(agent, page);
  return agent.post(action).type('form').send(new URLSearchParams(formEntries({ ...fields, _csrf })).toString());
}

function formEntries(fields: Record<string, string | string[]>): [string, string][] {
  return Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value.map((item): [string, string] => [name, item]) : [[name, value]]));
}

export interface SignedInDashboard {
  harness(): DashboardHarness;
  admin(): SeededAdmin;
  /** Signed in as admin() (owner@example.com, managing the default tenant). */
  agent(): Agent;
}

/** For a describe block: the harness and a signed-in admin of the default tenant, closed afterwards. */
export function useSignedInDashboard(options: HarnessOptions = {}): SignedInDashboard {
  let harness: DashboardHarness | undefined;
  let admin: SeededAdmin | undefined;
  let agent: Agent | undefined;
  beforeAll(async () => {
    harness = await startDashboardHarness(options);
    admin = await harness.seedAdmin('owner@example.com', ['default']);
    agent = await signedInAgent(harness.app, admin);
  });
  afterAll(async () => {
    await harness?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the dashboard is ready inside tests and hooks only');
    return value;
  };
  return { harness: () => ready(harness), admin: () => ready(admin), agent: () => ready(agent) };
}

/**
 * For a describeEachStore suite: the harness on that suite's store (SQLite or Redis), closed
 * afterwards. On Redis the data directory (master key, session secret) is a temporary one of its own.
 */
export function useDashboardOnStore(stores: StoreHarness, options: Omit<HarnessOptions, 'shared'> = {}): () => DashboardHarness {
  let harness: DashboardHarness | undefined;
  let ownDataDir: string | undefined;
  beforeAll(async () => {
    if (stores.kind === 'redis') ownDataDir = mkdtempSync(join(tmpdir(), 'fitgate-dashboard-'));
    harness = await startDashboardHarness({ ...options, shared: { store: stores.store(), dataDir: ownDataDir ?? stores.testStore().location } });
  });
  afterAll(async () => {
    await harness?.close();
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  });
  return () => {
    if (!harness) throw new Error('the dashboard is ready inside tests and hooks only');
    return harness;
  };
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from '@jest/globals';
import { freePort } from '../../support/free_port.js';
import { uniquePrefix, redisUrl, deleteKeysWithPrefix } from '../../support/redis.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from '../server/spawn_server.js';
import { ClusterBrowser, TENANT_URL, type Answer } from './cluster_client.js';

export const BOOTSTRAP = { clientId: 'cluster-bootstrap', clientSecret: randomBytes(24).toString('base64url') };
export const ADMIN = { email: 'owner@example.com', password: 'cluster-admin-password' };
/** The web application's callback: never requested, the test reads the Location. */
export const APP_CALLBACK = 'https://app.cluster.example/callback';

export interface ClusterFixture {
  readonly server: RunningServer;
  readonly port: number;
  browser(): ClusterBrowser;
  /**
   * The operator's GET /health/ready, on the primary's metrics listener (FITGATE_METRICS_PORT): the
   * status code with what one worker's check found (`store`, `workers`); the public one says the status alone.
   */
  readinessDetails(): Promise<{ status: number; body: unknown }>;
  /** Stops the server (if still running) and removes what it stored. */
  close(): Promise<void>;
}

/** `node dist/src/server.js` with FITGATE_WORKERS=2 on one store, started and listening on every worker. */
export async function startCluster(store: 'sqlite' | 'redis', environment: Record<string, string> = {}): Promise<ClusterFixture> {
  const prefix = uniquePrefix(`cluster-${store}`);
  const storeEnvironment: Record<string, string> =
    store === 'sqlite'
      ? { FITGATE_DATA_DIR: tempDataDir() }
      : {
          REDIS_URL: redisUrl,
          FITGATE_REDIS_PREFIX: prefix,
          FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
          FITGATE_SESSION_SECRETS: randomBytes(32).toString('base64url'),
        };
  const metricsPort = environment.FITGATE_METRICS_PORT ?? String(await freePort());
  const server = startServer({
    FITGATE_WORKERS: '2',
    FITGATE_METRICS_PORT: metricsPort,
    FITGATE_BOOTSTRAP_CLIENT_ID: BOOTSTRAP.clientId,
    FITGATE_BOOTSTRAP_CLIENT_SECRET: BOOTSTRAP.clientSecret,
    FITGATE_ADMIN_EMAIL: ADMIN.email,
    FITGATE_ADMIN_PASSWORD: ADMIN.password,
    ...storeEnvironment,
    ...environment,
  });
  const port = await server.port();
  return {
    server,
    port,
    browser: () => new ClusterBrowser(port),
    async readinessDetails() {
      const answer = await fetch(`http://127.0.0.1:${metricsPort}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      return { status: answer.status, body: (await answer.json()) as unknown };
    },
    async close() {
      await server.stop();
      if (store === 'redis') await deleteKeysWithPrefix(prefix);
    },
  };
}

/** A cluster started before the file's tests and closed after them; call the result inside a test. */
export function useCluster(store: 'sqlite' | 'redis'): () => ClusterFixture {
  let cluster: ClusterFixture | undefined;
  beforeAll(async () => {
    cluster = await startCluster(store);
  }, SERVER_TEST_TIMEOUT_MS);
  afterAll(() => cluster?.close(), SERVER_TEST_TIMEOUT_MS);
  return () => {
    if (!cluster) throw new Error('the cluster did not start');
    return cluster;
  };
}

/** Distinct worker pids seen on fresh connections until `count` of them answered (bounded). */
export async function workerPids(browser: ClusterBrowser, count: number): Promise<string[]> {
  const seen = new Set<string>();
  for (let attempt = 0; attempt < 20 && seen.size < count; attempt += 1) seen.add((await browser.get('/health/live')).worker);
  expect(seen.size).toBe(count);
  return [...seen];
}

/** The Authorization header of a Management API token of the bootstrap client, got through `browser`'s worker. */
export async function managementAuthorization(browser: ClusterBrowser): Promise<Record<string, string>> {
  const token = await browser.post('/oauth/token', {
    grant_type: 'client_credentials',
    client_id: BOOTSTRAP.clientId,
    client_secret: BOOTSTRAP.clientSecret,
    audience: `${TENANT_URL}/api/v2/`,
  });
  expect(token.status).toBe(200);
  return { authorization: `Bearer ${String(JSON.parse(token.text).access_token)}` };
}

/** A JSON request (`body` serialised when given) with `headers`, through `browser`'s worker. */
export function sendJson(browser: ClusterBrowser, method: string, path: string, headers: Record<string, string>, body?: object): Promise<Answer> {
  return browser.send(method, path, { ...headers, 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
}

/**
 * A regular web application with APP_CALLBACK, and the sandbox Fitbit connection of the first start
 * enabled for it, set up through the Management API as an operator would.
 */
export async function createWebApplication(browser: ClusterBrowser): Promise<{ clientId: string; clientSecret: string }> {
  const authorization = await managementAuthorization(browser);
  const created = await browser.post('/api/v2/clients', { name: 'Cluster app', app_type: 'regular_web', callbacks: [APP_CALLBACK] }, authorization);
  expect(created.status).toBe(201);
  const { client_id: clientId, client_secret: clientSecret } = JSON.parse(created.text) as { client_id: string; client_secret: string };

  const connections = JSON.parse((await browser.get('/api/v2/connections?name=fitbit', authorization)).text) as Array<{ id: string }>;
  const enabled = await sendJson(browser, 'PATCH', `/api/v2/connections/${encodeURIComponent(connections[0]?.id ?? '')}`, authorization, { enabled_clients: [clientId] });
  expect(enabled.status).toBe(200);
  return { clientId, clientSecret };
}

/**
 * Workers answering on a few fresh connections, and what the operator's /health/ready says (the
 * primary's metrics listener: the workers are counted there). A connection handed to a worker just
 * as it dies is lost with it; that look simply sees nothing.
 */
export async function look(cluster: ClusterFixture): Promise<{ pids: Set<string>; ready: { status: number; body: unknown } }> {
  const pids = new Set<string>();
  try {
    const browser = cluster.browser();
    for (let i = 0; i < 4; i += 1) pids.add((await browser.get('/health/live')).worker);
    return { pids, ready: await cluster.readinessDetails() };
  } catch {
    return { pids, ready: { status: 0, body: undefined } };
  }
}

/** Whether a process with this pid still exists (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

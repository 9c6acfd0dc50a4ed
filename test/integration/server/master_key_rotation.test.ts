import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from '@jest/globals';
import { masterKeyId } from '../../../src/store/sealing.js';
import { deleteKeysWithPrefix, redisUrl, uniquePrefix } from '../../support/redis.js';
import { freePort } from '../../support/free_port.js';
import { describeEachStore, type StoreKind } from '../../support/stores.js';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir, type RunningServer } from './spawn_server.js';

const ADMIN = fileURLToPath(new URL('../../../dist/scripts/admin.js', import.meta.url));
const M2M = { id: 'rotation-automation', secret: 'rotation-automation-secret-0123456789abcdef' };
const CALLBACK = 'https://app.example/callback';

/** `npm run admin -- reseal` as the operator runs it: its own process, the same environment as fitgate. */
function runReseal(environment: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ADMIN, 'reseal', '--batch', '2'], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...environment } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The environment of one installation on either store; the keys vary per start. */
async function installation(kind: StoreKind) {
  const port = await freePort();
  // The operator's /health/ready, which names the key ids, is on the metrics listener (loopback).
  const metricsPort = await freePort();
  const common = {
    PORT: String(port),
    FITGATE_METRICS_PORT: String(metricsPort),
    FITGATE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    FITGATE_BOOTSTRAP_CLIENT_ID: M2M.id,
    FITGATE_BOOTSTRAP_CLIENT_SECRET: M2M.secret,
  };
  const readinessUrl = `http://127.0.0.1:${metricsPort}/health/ready`;
  if (kind === 'sqlite') return { url: common.FITGATE_PUBLIC_URL, readinessUrl, env: { ...common, FITGATE_DATA_DIR: tempDataDir() }, cleanup: async () => undefined };
  const prefix = uniquePrefix('master-key-rotation');
  return {
    url: common.FITGATE_PUBLIC_URL,
    readinessUrl,
    env: { ...common, REDIS_URL: redisUrl, FITGATE_REDIS_PREFIX: prefix, FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex') },
    cleanup: async () => void (await deleteKeysWithPrefix(prefix)),
  };
}

async function managementToken(url: string): Promise<string> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: M2M.id, client_secret: M2M.secret, audience: `${url}/api/v2/` }),
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  return String(((await response.json()) as { access_token: string }).access_token);
}

async function api(url: string, token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** A web application with the Fitbit connection given a client secret (sealed), as an operator sets it up. */
async function configure(url: string): Promise<string> {
  const token = await managementToken(url);
  const client = await api(url, token, 'POST', '/clients', { name: 'Rotation app', app_type: 'regular_web', callbacks: [CALLBACK] });
  const [connection] = (await api(url, token, 'GET', '/connections?name=fitbit')) as unknown as Array<{ id: string }>;
  await api(url, token, 'PATCH', `/connections/${connection!.id}`, {
    options: { api: 'google-health', client_id: 'upstream-client', client_secret: 'upstream-secret-0123456789', scope: ['activity'] },
    enabled_clients: [client.client_id],
  });
  return String(client.client_id);
}

/** What every sealed value is needed for at run time: signing a token (private key), starting a login (connection secret). */
async function servesBoth(url: string, clientId: string): Promise<[number, number]> {
  const token = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: M2M.id, client_secret: M2M.secret, audience: `${url}/api/v2/` }),
  });
  const query = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: CALLBACK, connection: 'fitbit', scope: 'openid', state: 's' });
  const authorize = await fetch(`${url}/authorize?${query.toString()}`, { redirect: 'manual' });
  await token.arrayBuffer();
  await authorize.arrayBuffer();
  return [token.status, authorize.status];
}

describeEachStore('master key rotation on a running fitgate', (h) => {
  const running: RunningServer[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
    for (const cleanup of cleanups) await cleanup();
  });

  it('A, then B alone refused naming A, then B,A with a re-seal while serving, then B alone', async () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    const [a, b] = [keyA.toString('base64'), keyB.toString('base64')];
    const setup = await installation(h.kind);
    cleanups.push(setup.cleanup);
    const start = (masterKey: string) => {
      const server = startServer({ ...setup.env, FITGATE_MASTER_KEY: masterKey });
      running.push(server);
      return server;
    };

    const first = start(a);
    await first.port();
    const clientId = await configure(setup.url);
    expect(await servesBoth(setup.url, clientId)).toEqual([200, 302]);
    expect(await first.stop()).toBe(0);

    const tooEarly = start(b);
    expect(await tooEarly.exited()).toBe(1);
    expect(tooEarly.stderr()).toMatch(new RegExp(`key id ${masterKeyId(keyA)} \\(\\d+ sealed values need it\\)`));
    expect(tooEarly.stderr().trim().split('\n')).toHaveLength(1);

    const rotating = start(`${b},${a}`);
    await rotating.port();
    let serving = true;
    const answers: string[] = [];
    const traffic = (async () => {
      while (serving) answers.push((await servesBoth(setup.url, clientId)).join(' '));
    })();
    const resealed = await runReseal({ ...setup.env, FITGATE_MASTER_KEY: `${b},${a}` });
    serving = false;
    await traffic;
    expect(resealed.stderr).toBe('');
    expect(resealed.stdout).toContain(`key id ${masterKeyId(keyA)}) may now be removed`);
    expect(resealed.code).toBe(0);
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set(['200 302']));
    const ready = (await (await fetch(setup.readinessUrl)).json()) as { master_keys: unknown };
    expect(ready.master_keys).toEqual({ sealing: masterKeyId(keyB), in_use: [masterKeyId(keyB)], missing: [] });
    expect(await rotating.stop()).toBe(0);

    const done = start(b);
    await done.port();
    expect(await servesBoth(setup.url, clientId)).toEqual([200, 302]);
    expect(await done.stop()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);
});

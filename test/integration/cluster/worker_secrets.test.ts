import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'redis';
import { SECRET_SETTINGS } from '../../../src/config/index.js';
import { describeWithRedis, redisUrl } from '../../support/redis.js';
import { SERVER_TEST_TIMEOUT_MS, tempDataDir } from '../server/spawn_server.js';
import type { ClusterBrowser } from './cluster_client.js';
import { ADMIN, BOOTSTRAP, createWebApplication, startCluster, workerPids, type ClusterFixture } from './cluster_fixture.js';
import { loginAcrossWorkers } from './sandbox_login.js';

/** A process's environment as the same user (or root) reads it for as long as the process runs: name → value. */
function environmentOf(pid: string): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return new Map(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

/** The first admin signs in to the dashboard with the password given in FITGATE_ADMIN_PASSWORD. */
async function adminSignsIn(browser: ClusterBrowser): Promise<void> {
  const form = await browser.get('/manage/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const signedIn = await browser.post('/manage/login', { _csrf: csrf, email: ADMIN.email, password: ADMIN.password });
  expect(signedIn.status).toBe(303);
  expect((await browser.get('/manage/t/default')).status).toBe(200);
}

/**
 * Starts a cluster, then checks that no worker's environment holds a secret setting (neither the
 * variables nor their values) and that the workers still have them all: the bootstrap client gets a
 * Management API token, the admin signs in with the given password, and a login begun on one
 * worker finishes on the other (sessions signed and values sealed alike in both).
 */
function keepsSecretsOutOfWorkers(start: () => Promise<{ cluster: ClusterFixture; secrets: () => string[] }>): void {
  let cluster: ClusterFixture | undefined;
  afterAll(() => cluster?.close(), SERVER_TEST_TIMEOUT_MS);

  it(
    "passes every secret setting over IPC, never in a worker's environment, and the workers use them",
    async () => {
      const started = await start();
      cluster = started.cluster;
      const browser = cluster.browser();
      const pids = await workerPids(browser, 2);
      const secrets = [...started.secrets(), ADMIN.password, BOOTSTRAP.clientSecret];
      for (const pid of pids) {
        const environment = environmentOf(pid);
        expect(environment.get('FITGATE_WORKERS')).toBe('2');
        expect(environment.get('FITGATE_BOOTSTRAP_CLIENT_ID')).toBe(BOOTSTRAP.clientId);
        for (const name of SECRET_SETTINGS) expect(environment.has(name)).toBe(false);
        for (const value of environment.values()) for (const secret of secrets) expect(value).not.toContain(secret);
      }

      const app = await createWebApplication(browser);
      await adminSignsIn(cluster.browser());
      const login = await loginAcrossWorkers(browser, app.clientId);
      expect(pids).toEqual(expect.arrayContaining([login.startedOn, login.finishedOn]));
    },
    SERVER_TEST_TIMEOUT_MS,
  );
}

/** A Redis user of its own with a password, so a worker reaches Redis only with the password of REDIS_URL. */
async function redisUserWithPassword(): Promise<{ url: string; password: string; remove(): Promise<void> }> {
  const user = `fitgate-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(16).toString('hex');
  const asDefaultUser = async (command: string[]) => {
    const client = createClient({ url: redisUrl });
    await client.connect();
    try {
      await client.sendCommand(command);
    } finally {
      client.destroy();
    }
  };
  await asDefaultUser(['ACL', 'SETUSER', user, 'on', `>${password}`, '~*', '&*', '+@all']);
  const url = new URL(redisUrl);
  url.username = user;
  url.password = password;
  return { url: url.href, password, remove: () => asDefaultUser(['ACL', 'DELUSER', user]) };
}

describe('cluster workers on the embedded store, with secrets generated in the data directory', () => {
  const dataDir = tempDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  keepsSecretsOutOfWorkers(async () => ({
    cluster: await startCluster('sqlite', { FITGATE_DATA_DIR: dataDir }),
    secrets: () => ['master.key', 'session.secret'].map((file) => readFileSync(join(dataDir, file), 'utf8').trim()),
  }));
});

describeWithRedis("cluster workers on Redis with a password, with secrets given in the primary's environment", () => {
  const masterKey = randomBytes(32).toString('base64');
  const sessionSecret = randomBytes(32).toString('base64url');
  keepsSecretsOutOfWorkers(async () => {
    const user = await redisUserWithPassword();
    const environment = { REDIS_URL: user.url, FITGATE_MASTER_KEY: masterKey, FITGATE_SESSION_SECRETS: sessionSecret };
    const cluster = await startCluster('redis', environment).catch(async (error: unknown) => {
      await user.remove();
      throw error;
    });
    // The user goes once the cluster has stopped: deleting it cuts the connections that use it.
    return { cluster: { ...cluster, close: () => cluster.close().finally(() => user.remove()) }, secrets: () => [masterKey, sessionSecret, user.password] };
  });
});

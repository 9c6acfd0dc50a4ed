import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { describeWithRedis } from '../../support/redis.js';
import { SERVER_TEST_TIMEOUT_MS, tempDataDir } from '../server/spawn_server.js';
import { createWebApplication, startCluster, workerPids, type ClusterFixture } from './cluster_fixture.js';
import { loginAcrossWorkers } from './sandbox_login.js';

/** A process's environment as the same user (or root) reads it for as long as the process runs. */
function environmentOf(pid: string): string {
  return readFileSync(`/proc/${pid}/environ`, 'utf8');
}

/**
 * Starts a cluster, then checks that no worker's environment holds the secrets (neither the
 * variables nor their values) and that the workers still share them: a login begun on one worker
 * finishes on the other.
 */
function keepsSecretsOutOfWorkers(start: () => Promise<{ cluster: ClusterFixture; secrets: () => string[] }>): void {
  let cluster: ClusterFixture | undefined;
  afterAll(() => cluster?.close(), SERVER_TEST_TIMEOUT_MS);

  it(
    "passes the master key and session secrets over IPC, never in a worker's environment, and the workers share them",
    async () => {
      const started = await start();
      cluster = started.cluster;
      const browser = cluster.browser();
      const pids = await workerPids(browser, 2);
      const secrets = started.secrets();
      expect(secrets.length).toBeGreaterThanOrEqual(2);
      for (const pid of pids) {
        const environment = environmentOf(pid);
        expect(environment).toContain('FITGATE_WORKERS=2');
        expect(environment).not.toContain('FITGATE_MASTER_KEY');
        expect(environment).not.toContain('FITGATE_SESSION_SECRETS');
        for (const secret of secrets) expect(environment).not.toContain(secret);
      }

      const app = await createWebApplication(browser);
      const login = await loginAcrossWorkers(browser, app.clientId);
      expect(pids).toEqual(expect.arrayContaining([login.startedOn, login.finishedOn]));
    },
    SERVER_TEST_TIMEOUT_MS,
  );
}

describe('cluster workers on the embedded store, with secrets generated in the data directory', () => {
  const dataDir = tempDataDir();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  keepsSecretsOutOfWorkers(async () => ({
    cluster: await startCluster('sqlite', { FITGATE_DATA_DIR: dataDir }),
    secrets: () => ['master.key', 'session.secret'].map((file) => readFileSync(join(dataDir, file), 'utf8').trim()),
  }));
});

describeWithRedis("cluster workers on Redis, with secrets given in the primary's environment", () => {
  const masterKey = randomBytes(32).toString('base64');
  const sessionSecret = randomBytes(32).toString('base64url');
  keepsSecretsOutOfWorkers(async () => ({
    cluster: await startCluster('redis', { FITGATE_MASTER_KEY: masterKey, FITGATE_SESSION_SECRETS: sessionSecret }),
    secrets: () => [masterKey, sessionSecret],
  }));
});

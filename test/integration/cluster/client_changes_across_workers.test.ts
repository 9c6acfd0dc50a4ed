import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { describeWithRedis } from '../../support/redis.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import type { Answer, ClusterBrowser } from './cluster_client.js';
import { TENANT_URL } from './cluster_client.js';
import { managementAuthorization, sendJson, useCluster } from './cluster_fixture.js';

const AUDIENCE = `${TENANT_URL}/api/v2/`;
/** Longer than either store's cache window (100 ms embedded, 250 ms on Redis): every worker has seen every change. */
const SETTLED_MS = 600;
/** Tries of the sequence until it lands as meant (worker B, then A, then B); new connections alternate, so nearly always the first. */
const TRIES = 5;

/**
 * The review's sequence, on two workers: a secret rotated (or a grant revoked) on one worker, and
 * right after, another change to the same application through the other worker, whose cached copy
 * still holds the old secret (or grant). That change is made on the record as stored, so the
 * rotation (revocation) stays: the new secret works and the old one is refused, for good.
 */
function clientChangesAcrossWorkers(store: 'sqlite' | 'redis'): void {
  const cluster = useCluster(store);

  /** A machine-to-machine application granted read:users, and its secret. */
  async function newRobot(browser: ClusterBrowser, api: Record<string, string>): Promise<{ clientId: string; secret: string }> {
    const created = await sendJson(browser, 'POST', '/api/v2/clients', api, { name: 'Cluster robot', app_type: 'non_interactive' });
    expect(created.status).toBe(201);
    const { client_id: clientId, client_secret: secret } = JSON.parse(created.text) as { client_id: string; client_secret: string };
    const granted = await sendJson(browser, 'POST', '/api/v2/client-grants', api, { client_id: clientId, audience: AUDIENCE, scope: ['read:users'] });
    expect(granted.status).toBe(201);
    return { clientId, secret };
  }

  /** /oauth/token's status for the secret on each of a few fresh connections (both workers). */
  async function tokenStatuses(browser: ClusterBrowser, clientId: string, secret: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const answer = await browser.post('/oauth/token', { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, audience: AUDIENCE });
      statuses.push(answer.status);
    }
    return statuses;
  }

  /**
   * Caches the application on worker B (a read of it there), changes it on worker A with `first`,
   * then changes it again on worker B with `second`, each on a new connection, all within B's cache
   * window: B's copy still holds what `first` changed. Tried again on a new application until the
   * three requests landed B, A, B. Answers what `first` answered.
   */
  async function firstThenOtherWorker(
    browser: ClusterBrowser,
    api: Record<string, string>,
    first: (robot: { clientId: string; secret: string }) => Promise<Answer>,
    second: (robot: { clientId: string; secret: string }) => Promise<Answer>,
  ): Promise<{ robot: { clientId: string; secret: string }; first: Answer }> {
    for (let attempt = 1; ; attempt += 1) {
      const robot = await newRobot(browser, api);
      // The application read on every worker, so each holds it in its cache.
      await tokenStatuses(browser, robot.clientId, robot.secret);
      // Past the cache window, the read on worker B checks the store's config version afresh, so
      // the window in which B trusts its copy starts now, and the next two requests fall inside it.
      await sleep(SETTLED_MS);
      const cached = await sendJson(browser, 'GET', `/api/v2/clients/${robot.clientId}`, api);
      const firstAnswer = await first(robot);
      const secondAnswer = await second(robot);
      expect([firstAnswer.status, secondAnswer.status]).toEqual([expect.any(Number), 200]);
      if ((cached.worker === secondAnswer.worker && firstAnswer.worker !== secondAnswer.worker) || attempt >= TRIES) {
        expect(firstAnswer.worker).not.toBe(secondAnswer.worker);
        return { robot, first: firstAnswer };
      }
    }
  }

  it(
    'keeps a secret rotated on one worker when a grant update lands on the other right after',
    async () => {
      const browser = cluster().browser();
      const api = await managementAuthorization(browser);
      const { robot, first } = await firstThenOtherWorker(
        browser,
        api,
        (app) => sendJson(browser, 'POST', `/api/v2/clients/${app.clientId}/rotate-secret`, api),
        (app) => sendJson(browser, 'PATCH', `/api/v2/client-grants/cgr_${app.clientId}`, api, { scope: ['read:users', 'read:logs'] }),
      );
      expect(first.status).toBe(200);
      const rotated = String((JSON.parse(first.text) as { client_secret: string }).client_secret);

      await sleep(SETTLED_MS);
      expect(await tokenStatuses(browser, robot.clientId, rotated)).toEqual([200, 200, 200, 200]);
      expect(await tokenStatuses(browser, robot.clientId, robot.secret)).toEqual([401, 401, 401, 401]);
      // The grant update counted too.
      const grant = await sendJson(browser, 'GET', `/api/v2/client-grants?client_id=${robot.clientId}`, api);
      expect((JSON.parse(grant.text) as Array<{ scope: string[] }>)[0]?.scope).toEqual(['read:users', 'read:logs']);
    },
    SERVER_TEST_TIMEOUT_MS,
  );

  it(
    'keeps a grant revoked on one worker when a settings change lands on the other right after',
    async () => {
      const browser = cluster().browser();
      const api = await managementAuthorization(browser);
      const { robot, first } = await firstThenOtherWorker(
        browser,
        api,
        (app) => sendJson(browser, 'DELETE', `/api/v2/client-grants/cgr_${app.clientId}`, api),
        (app) => sendJson(browser, 'PATCH', `/api/v2/clients/${app.clientId}`, api, { description: 'Nightly export' }),
      );
      expect(first.status).toBe(204);

      await sleep(SETTLED_MS);
      expect(await tokenStatuses(browser, robot.clientId, robot.secret)).toEqual([403, 403, 403, 403]);
      const client = await sendJson(browser, 'GET', `/api/v2/clients/${robot.clientId}`, api);
      expect(JSON.parse(client.text)).toMatchObject({ description: 'Nightly export' });
    },
    SERVER_TEST_TIMEOUT_MS,
  );
}

describe('changes to one application across two workers on the embedded store', () => clientChangesAcrossWorkers('sqlite'));
describeWithRedis('changes to one application across two workers on Redis', () => clientChangesAcrossWorkers('redis'));

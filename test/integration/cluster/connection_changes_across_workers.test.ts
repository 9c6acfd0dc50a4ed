import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { describeWithRedis } from '../../support/redis.js';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import type { ClusterBrowser } from './cluster_client.js';
import { managementAuthorization, sendJson, useCluster } from './cluster_fixture.js';

/** Longer than either store's cache window (100 ms embedded, 250 ms on Redis): every worker has seen every change. */
const SETTLED_MS = 600;
/** Tries of the sequence until it lands as meant (worker B, then A, then B); new connections alternate, so nearly always the first. */
const TRIES = 5;

interface ConnectionJson {
  id: string;
  enabled_clients: string[];
  options: { api: string; client_id?: string };
}

/**
 * The review's sequence, on two workers: an application enabled on the connection through one
 * worker, and right after, the connection's settings (its credentials) saved through the other,
 * whose cached copy still lacks that application. The save is made on the record as stored, so
 * both count: the application stays enabled and the new credentials are stored.
 */
function connectionChangesAcrossWorkers(store: 'sqlite' | 'redis'): void {
  const cluster = useCluster(store);

  async function fitbitConnection(browser: ClusterBrowser, api: Record<string, string>): Promise<ConnectionJson> {
    const listed = await sendJson(browser, 'GET', '/api/v2/connections?name=fitbit', api);
    expect(listed.status).toBe(200);
    const [connection] = JSON.parse(listed.text) as ConnectionJson[];
    expect(connection).toBeDefined();
    return connection!;
  }

  /** A new application that no connection is enabled for (machine-to-machine: none is enabled for it at creation). */
  async function newApplication(browser: ClusterBrowser, api: Record<string, string>): Promise<string> {
    const created = await sendJson(browser, 'POST', '/api/v2/clients', api, { name: 'Cluster app', app_type: 'non_interactive' });
    expect(created.status).toBe(201);
    return String((JSON.parse(created.text) as { client_id: string }).client_id);
  }

  it(
    'keeps an application enabled on one worker when the settings are saved on the other right after',
    async () => {
      const browser = cluster().browser();
      const api = await managementAuthorization(browser);
      const { id } = await fitbitConnection(browser, api);
      const path = `/api/v2/connections/${encodeURIComponent(id)}`;

      for (let attempt = 1; ; attempt += 1) {
        const clientId = await newApplication(browser, api);
        const clientIdUpstream = `23PUB${attempt}`;
        // The connection read on every worker, so each holds it in its cache.
        for (let i = 0; i < 4; i += 1) await sendJson(browser, 'GET', path, api);
        // Past the cache window, the read on worker B checks the store's config version afresh, so
        // the window in which B trusts its copy starts now, and the next two requests fall inside it.
        await sleep(SETTLED_MS);
        const cached = await sendJson(browser, 'GET', path, api);
        const enabled = await sendJson(browser, 'PATCH', `${path}/clients`, api, [{ client_id: clientId, status: true }]);
        const saved = await sendJson(browser, 'PATCH', path, api, { options: { api: 'fitbit-legacy', client_id: clientIdUpstream, scope: ['activity'] } });
        expect([enabled.status, saved.status]).toEqual([204, 200]);
        const landedAsMeant = cached.worker === saved.worker && enabled.worker !== saved.worker;
        if (!landedAsMeant && attempt < TRIES) continue;
        expect(enabled.worker).not.toBe(saved.worker);

        // Both changes are in the save's answer, and stay, on every worker.
        expect(JSON.parse(saved.text)).toMatchObject({ options: { client_id: clientIdUpstream } });
        expect((JSON.parse(saved.text) as ConnectionJson).enabled_clients).toContain(clientId);
        await sleep(SETTLED_MS);
        for (let i = 0; i < 4; i += 1) {
          const stored = JSON.parse((await sendJson(browser, 'GET', path, api)).text) as ConnectionJson;
          expect(stored.enabled_clients).toContain(clientId);
          expect(stored.options.client_id).toBe(clientIdUpstream);
        }
        return;
      }
    },
    SERVER_TEST_TIMEOUT_MS,
  );
}

describe('changes to one connection across two workers on the embedded store', () => connectionChangesAcrossWorkers('sqlite'));
describeWithRedis('changes to one connection across two workers on Redis', () => connectionChangesAcrossWorkers('redis'));

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { createClient } from '../../../src/domain/clients.js';
import { buildTenant } from '../../../src/domain/tenants.js';
import { createLogger } from '../../../src/logging/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { createSealer } from '../../../src/store/sealing.js';
import { acmeConnection } from '../../support/acme_connections.js';
import { acmeOAuth2Plugin } from '../../support/fake_plugin.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../support/fake_oauth2_upstream.js';
import { parseExposition } from './scrape.js';

const HOST = 'localhost:3000';
const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * Logins through a plugin that makes its upstream calls through the host's HTTP port
 * (acmeOAuth2Plugin's code exchange and profile request, on a fake OAuth 2.0 upstream): fitgate's
 * upstream metrics count them, labelled with the tenant and connection, though the plugin itself
 * reports nothing.
 */
describe('upstream calls a plugin makes through upstreamFetch', () => {
  let upstream: FakeOAuth2Upstream;
  let testStore: TestStore;
  let metrics: PrometheusMetrics;
  let app: Express;
  let clientId = '';

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    testStore = await openSqliteTestStore();
    const config = loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: testStore.location, FITGATE_PUBLIC_URL: `http://${HOST}`, LOG_LEVEL: 'silent' });
    const sealer = createSealer(config.masterKeys);
    const acme = acmeOAuth2Plugin({ upstreamUrl: upstream.url });
    metrics = createPrometheusMetrics();
    const { store } = testStore;
    await store.tenants.create(await buildTenant('default', sealer));
    app = createApp({ config, store, sealer, logger: createLogger({ level: 'silent' }), plugins: new Map([[acme.strategy, acme]]), internalBaseUrl: () => '', metrics });
    ({ client: { clientId } } = await createClient(store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    const good = acmeConnection(upstream, sealer, 'acme', [clientId]);
    await store.connections.create(good);
    // The same plugin with a client secret the upstream refuses.
    await store.connections.create({ ...good, id: 'con_acmewrong000000', name: 'acme-wrong-secret', options: { ...good.options, clientSecret: sealer.seal('not-the-secret') } });
  });
  afterAll(async () => {
    await testStore?.cleanup();
    await upstream?.close();
  });

  /** From /authorize through the upstream to the client's callback; the client's answer. */
  async function login(connection: string): Promise<URL> {
    const browser = request.agent(app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid profile', state: 'client-st', connection });
    const authorizeUrl = new URL(String((await browser.get(`/authorize?${query}`).expect(302)).headers.location));
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    return new URL(String((await browser.get(`/login/callback${back.search}`).expect(302)).headers.location));
  }

  const counted = async () => {
    const series = parseExposition(await metrics.registry.metrics());
    return (name: string, labels: Record<string, string>) =>
      series.filter((each) => each.name === name && Object.entries(labels).every(([key, value]) => each.labels[key] === value)).reduce((sum, each) => sum + each.value, 0);
  };

  it('counts the code exchange and the profile request of a login, each once, with their status and duration', async () => {
    const before = await counted();
    expect((await login('acme')).searchParams.get('code')).toEqual(expect.any(String));
    const after = await counted();
    const moved = (name: string, labels: Record<string, string>) => after(name, labels) - before(name, labels);
    const call = (operation: string) => ({ tenant: 'default', connection: 'acme', operation, result: 'ok', status: '200' });
    expect(moved('fitgate_upstream_requests_total', call('token'))).toBe(1);
    expect(moved('fitgate_upstream_requests_total', call('profile'))).toBe(1);
    expect(moved('fitgate_upstream_requests_total', { connection: 'acme' })).toBe(2);
    expect(moved('fitgate_upstream_request_duration_seconds_count', { operation: 'token' })).toBe(1);
    expect(moved('fitgate_upstream_request_duration_seconds_count', { operation: 'profile' })).toBe(1);
  });

  it('counts a refused code exchange once, as the plugin reads the refusal, and no profile request', async () => {
    const before = await counted();
    expect((await login('acme-wrong-secret')).searchParams.get('error')).toEqual(expect.any(String));
    const after = await counted();
    const moved = (labels: Record<string, string>) => after('fitgate_upstream_requests_total', labels) - before('fitgate_upstream_requests_total', labels);
    expect(moved({ tenant: 'default', connection: 'acme-wrong-secret', operation: 'token', result: 'invalid_client', status: '401' })).toBe(1);
    expect(moved({ connection: 'acme-wrong-secret' })).toBe(1);
  });
});

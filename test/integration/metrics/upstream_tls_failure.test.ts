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
import { acmeOAuth2Plugin } from '../../support/fake_plugin.js';
import { captureLogLines, type LogLine } from '../../support/log_capture.js';
import { startSelfSignedHttpsServer, type SelfSignedHttpsServer } from '../../support/self_signed_https_server.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { parseExposition } from './scrape.js';

const HOST = 'localhost:3000';
const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * A login whose upstream shows a certificate Node does not trust (self-signed, as behind a
 * TLS-inspecting proxy without its CA in NODE_EXTRA_CA_CERTS): the client hears the upstream is
 * temporarily unavailable, as before, but the upstream metric counts the code exchange as `tls`,
 * not as an outage, and the request's log line names the TLS error, so the operator knows which
 * side to look at.
 */
describe('a login whose upstream presents a certificate Node does not trust', () => {
  let upstream: SelfSignedHttpsServer;
  let testStore: TestStore;
  let metrics: PrometheusMetrics;
  let app: Express;
  let clientId = '';
  const log = captureLogLines();

  beforeAll(async () => {
    upstream = await startSelfSignedHttpsServer();
    testStore = await openSqliteTestStore();
    const config = loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: testStore.location, FITGATE_PUBLIC_URL: `http://${HOST}`, LOG_LEVEL: 'silent' });
    const sealer = createSealer(config.masterKeys);
    const acme = acmeOAuth2Plugin({ upstreamUrl: upstream.url });
    metrics = createPrometheusMetrics();
    const { store } = testStore;
    await store.tenants.create(await buildTenant('default', sealer));
    const logger = createLogger({ level: 'info', destination: log.destination });
    app = createApp({ config, store, sealer, logger, plugins: new Map([[acme.strategy, acme]]), internalBaseUrl: () => '', metrics });
    ({ client: { clientId } } = await createClient(store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    const now = new Date().toISOString();
    await store.connections.create({
      tenant: 'default',
      id: 'con_acme0000000000',
      name: 'acme',
      strategy: acme.strategy,
      options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login', clientId: 'acme-client', clientSecret: sealer.seal('acme-secret') },
      enabledClients: [clientId],
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(async () => {
    await testStore?.cleanup();
    await upstream?.close();
  });

  /**
   * From /authorize to the callback, as a browser the upstream sent back with a code would: the
   * upstream's sign-in page is the browser's business (a browser trusts its own CAs), the code
   * exchange is fitgate's. The client's answer and the callback's log lines.
   */
  async function login(): Promise<{ answer: URL; lines: LogLine[] }> {
    const browser = request.agent(app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid profile', state: 'client-st', connection: 'acme' });
    const authorizeUrl = new URL(String((await browser.get(`/authorize?${query}`).expect(302)).headers.location));
    const callback = new URLSearchParams({ code: 'a-code-never-exchanged', state: authorizeUrl.searchParams.get('state') ?? '' });
    const before = log.lines.length;
    const answer = new URL(String((await browser.get(`/login/callback?${callback}`).expect(302)).headers.location));
    return { answer, lines: log.lines.slice(before).map((line) => JSON.parse(line) as LogLine) };
  }

  const counted = async (labels: Record<string, string>) =>
    parseExposition(await metrics.registry.metrics())
      .filter((each) => each.name === 'fitgate_upstream_requests_total' && Object.entries(labels).every(([key, value]) => each.labels[key] === value))
      .reduce((sum, each) => sum + each.value, 0);

  it('tells the client the upstream is temporarily unavailable, as for an outage', async () => {
    const { answer } = await login();
    expect(answer.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(answer.searchParams.get('error_description')).not.toMatch(/certificate|DEPTH_ZERO/i);
    expect(upstream.requests()).toBe(0);
  });

  it('counts the code exchange as tls with no status, and none as unavailable', async () => {
    const exchange = { tenant: 'default', connection: 'acme', operation: 'token', status: 'none' };
    const [tlsBefore, unavailableBefore] = [await counted({ ...exchange, result: 'tls' }), await counted({ ...exchange, result: 'unavailable' })];
    await login();
    expect(await counted({ ...exchange, result: 'tls' })).toBe(tlsBefore + 1);
    expect(await counted({ ...exchange, result: 'unavailable' })).toBe(unavailableBefore);
  });

  it('names the TLS error, code and message, in the callback’s log line, and no code or state', async () => {
    const { lines } = await login();
    const errored = lines.find((line) => line.msg === 'request errored');
    const err = errored?.err as { type?: string; message?: string } | undefined;
    expect(err?.type).toBe('TemporarilyUnavailableError');
    expect(err?.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(err?.message).toContain('self-signed certificate');
    expect(JSON.stringify(errored)).not.toContain('a-code-never-exchanged');
  });
});

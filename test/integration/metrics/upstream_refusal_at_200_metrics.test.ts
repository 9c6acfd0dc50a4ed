import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { loadConfig, type Config } from '../../../src/config/index.js';
import { createClient } from '../../../src/domain/clients.js';
import type { Sealer } from '../../../src/domain/ports.js';
import { buildTenant, managementApiAudience, tenantUrl } from '../../../src/domain/tenants.js';
import type { Connection } from '../../../src/domain/types.js';
import { recordLogin } from '../../../src/domain/users.js';
import { createLogger } from '../../../src/logging/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { createSealer } from '../../../src/store/sealing.js';
import { acmeConnection } from '../../support/acme_connections.js';
import { ENVELOPE_STRATEGY, envelopePlugin } from '../../support/envelope_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../support/fake_oauth2_upstream.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { parseExposition } from './scrape.js';

const HOST = 'localhost:3000';

/**
 * An upstream that refuses inside an HTTP 200 (the fake's `envelope`, read by the plugin's answerOf)
 * is counted by fitgate's upstream metrics as the refusal it is, by the port that made the call: a
 * refused refresh is `invalid_grant`, with its status 200, never `ok`, so that the failure alerts
 * (docs/prometheus/alerts.yml) see such an upstream as they see one that refuses at 400.
 */
describe('upstream metrics of a refusal inside an HTTP 200', () => {
  let upstream: FakeOAuth2Upstream;
  let testStore: TestStore;
  let config: Config;
  let sealer: Sealer;
  let metrics: PrometheusMetrics;
  let app: Express;
  let connection: Connection;

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream({ envelope: true });
    testStore = await openSqliteTestStore();
    config = loadConfig({ NODE_ENV: 'test', FITGATE_DATA_DIR: testStore.location, FITGATE_PUBLIC_URL: `http://${HOST}`, LOG_LEVEL: 'silent' });
    sealer = createSealer(config.masterKeys);
    const plugin = envelopePlugin(upstream.url);
    metrics = createPrometheusMetrics();
    const { store } = testStore;
    await store.tenants.create(await buildTenant('default', sealer));
    app = createApp({ config, store, sealer, logger: createLogger({ level: 'silent' }), plugins: new Map([[plugin.strategy, plugin]]), internalBaseUrl: () => '', metrics });
    connection = acmeConnection(upstream, sealer, ENVELOPE_STRATEGY, []);
    await store.connections.create(connection);
  });
  afterAll(async () => {
    await testStore?.cleanup();
    await upstream?.close();
  });

  const counted = async () => {
    const series = parseExposition(await metrics.registry.metrics());
    return (labels: Record<string, string>) =>
      series.filter((each) => each.name === 'fitgate_upstream_requests_total' && Object.entries(labels).every(([key, value]) => each.labels[key] === value)).reduce((sum, each) => sum + each.value, 0);
  };

  it('counts a refresh refused inside a 200 as invalid_grant, with its status, and not as ok', async () => {
    const { store } = testStore;
    // Due for a refresh at the read (under the vault's 30 s floor), with a refresh token the upstream never issued.
    const { user } = await recordLogin(
      { users: store.users, sealer },
      { tenant: 'default', connection, upstreamUserId: 'athlete-7', profile: {}, profileData: {}, tokens: { accessToken: 'access-1', refreshToken: 'never-issued', expiresIn: 10, grantedScopes: ['steps'] }, now: new Date() },
    );
    const { client, clientSecret } = await createClient(store.clients, { tenant: 'default', name: 'Token reader', appType: 'non_interactive', managementScopes: ['read:user_idp_tokens'] });
    const audience = managementApiAudience(tenantUrl(config, 'default'));
    const issued = await request(app).post('/oauth/token').set('Host', HOST).send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience }).expect(200);
    const before = await counted();

    const read = await request(app).get(`/api/v2/users/${encodeURIComponent(user.userId)}`).set('Host', HOST).set('Authorization', `Bearer ${String(issued.body.access_token)}`).expect(200);
    expect(read.body.identities[0]).toMatchObject({ status: 'needs_reauthorization' });

    const after = await counted();
    const moved = (labels: Record<string, string>) => after(labels) - before(labels);
    const refresh = { tenant: 'default', connection: ENVELOPE_STRATEGY, operation: 'refresh' };
    expect(moved({ ...refresh, result: 'invalid_grant', status: '200' })).toBe(1);
    expect(moved({ ...refresh, result: 'ok' })).toBe(0);
    expect(moved({ connection: ENVELOPE_STRATEGY })).toBe(1);
  });
});

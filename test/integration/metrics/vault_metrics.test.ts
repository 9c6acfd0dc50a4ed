import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { describeWithRedis } from '../../support/redis.js';
import type { StoreKind } from '../../support/stores.js';
import { startManagementHarness, TENANT, type ManagementHarness } from '../management/harness.js';
import { parseExposition, type Scrape } from './scrape.js';

// The token vault behind GET /api/v2/users/{id} (read:user_idp_tokens): a fresh token, a refresh,
// an upstream 429 on the refresh, a refresh the upstream refuses, and concurrent readers sharing one
// refresh each move exactly their own series.

function suite(kind: StoreKind): void {
  let emulator: TestEmulator;
  let harness: ManagementHarness;
  let metrics: PrometheusMetrics;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    // Two more upstream users beside the seeded alice, bob and carol: one per test below.
    const carol = emulator.control.users().find((user) => user.login === 'carol')!;
    for (const [login, id, sub] of [['dave', 'D4V3D4', '1082345678901234567'], ['erin', 'E4R1N0', '1082345678901234568']] as const) {
      emulator.control.addUser({ ...carol, login, legacyUserId: id, healthUserId: `${login}-health`, googleSub: sub, email: `${login}@example.org` });
    }
    metrics = createPrometheusMetrics();
    harness = await startManagementHarness(`metrics-vault-${kind}`, { store: kind, emulator, metrics });
  });
  afterAll(async () => {
    await harness?.cleanup();
    await emulator?.close();
  });

  /** The registry as /metrics would serve it (the endpoint itself is tested in metrics_endpoint.test.ts). */
  async function scrapeRegistry(): Promise<Scrape> {
    const text = await metrics.registry.metrics();
    const series = parseExposition(text);
    return {
      text,
      contentType: metrics.registry.contentType,
      series,
      value: (name, labels = {}) =>
        series
          .filter((each) => each.name === name && Object.entries(labels).every(([key, wanted]) => each.labels[key] === wanted))
          .reduce((sum, each) => sum + each.value, 0),
    };
  }

  async function movedBy(action: () => Promise<void>): Promise<(name: string, labels?: Record<string, string>) => number> {
    const before = await scrapeRegistry();
    await action();
    const after = await scrapeRegistry();
    return (name, labels = {}) => after.value(name, labels) - before.value(name, labels);
  }

  /** Reads the user's token: `token` when one is served, else the identity's access_token_error code. */
  const readTokens = async (userId: string, expected: 'token' | 'too_many_requests' | 'needs_reauthorization') => {
    const response = await harness.call('get', `/users/${encodeURIComponent(userId)}`, await harness.tokenWith(['read:user_idp_tokens']));
    expect(response.status).toBe(200);
    const [identity] = response.body.identities;
    expect(identity.access_token === undefined ? identity.access_token_error?.errorCode : 'token').toBe(expected);
  };
  const vault = { tenant: TENANT, connection: 'fitbit' };

  it('counts a fresh stored token as a fresh hit, with no refresh and no upstream call', async () => {
    const user = await harness.seedUser('alice');
    const moved = await movedBy(() => readTokens(user.userId, 'token'));
    expect(moved('fitgate_vault_fresh_tokens_total', vault)).toBe(1);
    expect(moved('fitgate_vault_refreshes_total')).toBe(0);
    expect(moved('fitgate_upstream_requests_total')).toBe(0);
  });

  it('counts an expiring token as one successful refresh and one upstream refresh call', async () => {
    const user = await harness.seedUser('bob', { expiresInSeconds: 60 });
    const moved = await movedBy(() => readTokens(user.userId, 'token'));
    expect(moved('fitgate_vault_refreshes_total', { ...vault, result: 'success' })).toBe(1);
    expect(moved('fitgate_vault_refreshes_total')).toBe(1);
    expect(moved('fitgate_upstream_requests_total', { ...vault, operation: 'refresh', result: 'ok', status: '200' })).toBe(1);
    expect(moved('fitgate_vault_fresh_tokens_total')).toBe(0);
  });

  it('counts an upstream 429 on a refresh as rate_limited, once, in the vault and in the upstream calls', async () => {
    // Less than the 30 s a stored token must have left to be served while the upstream refuses.
    const user = await harness.seedUser('carol', { expiresInSeconds: 20 });
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 600 }, times: 1 });
    const moved = await movedBy(async () => {
      await readTokens(user.userId, 'too_many_requests');
      // The back-off answers the second read without another upstream call, and counts nothing as a refresh.
      await readTokens(user.userId, 'too_many_requests');
    });
    expect(moved('fitgate_vault_refreshes_total', { ...vault, result: 'rate_limited' })).toBe(1);
    expect(moved('fitgate_vault_refreshes_total')).toBe(1);
    expect(moved('fitgate_upstream_requests_total', { ...vault, operation: 'refresh', result: 'rate_limited', status: '429' })).toBe(1);
    expect(moved('fitgate_upstream_requests_total')).toBe(1);
  });

  it('counts a refresh the upstream refuses as invalid_grant and one identity needing reauthorization', async () => {
    const user = await harness.seedUser('dave', { expiresInSeconds: 60 });
    expect(emulator.control.revokeUserGrants('dave')).toBeGreaterThan(0);
    const moved = await movedBy(() => readTokens(user.userId, 'needs_reauthorization'));
    expect(moved('fitgate_vault_refreshes_total', { ...vault, result: 'invalid_grant' })).toBe(1);
    expect(moved('fitgate_upstream_requests_total', { ...vault, operation: 'refresh', result: 'invalid_grant', status: '400' })).toBe(1);
    expect(moved('fitgate_vault_reauthorizations_required_total', { ...vault, reason: 'refresh_token_rejected' })).toBe(1);
    expect(moved('fitgate_vault_identities_needing_reauthorization', vault)).toBe(1);
  });

  it('counts concurrent readers of one expiring token as one refresh and the others as waits', async () => {
    const user = await harness.seedUser('erin', { expiresInSeconds: 60 });
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    // A slow upstream keeps the refresh in flight while every reader arrives.
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'latency', ms: 1500 }, times: 1 });
    const moved = await movedBy(async () => {
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          request(harness.apps[0]!).get(`/api/v2/users/${encodeURIComponent(user.userId)}`).set('Host', harness.host).set('Authorization', `Bearer ${token}`),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    });
    expect(moved('fitgate_vault_refreshes_total', { ...vault, result: 'success' })).toBe(1);
    expect(moved('fitgate_vault_refresh_waits_total', vault)).toBe(3);
  });
}

describe('token vault metrics [sqlite]', () => suite('sqlite'));
describeWithRedis('token vault metrics [redis]', () => suite('redis'));

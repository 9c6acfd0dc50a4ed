import { describe, expect, it } from '@jest/globals';
import type { StoreKind } from '../../support/stores.js';
import { describeWithRedis } from '../../support/redis.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { useHarnessWithEmulator } from '../management/harness.js';
import { parseExposition } from '../metrics/scrape.js';

// Google's token endpoint limits the app's OAuth client (its token grant rate), so a 429 there is
// every user's: the Fitbit plugin says so (rateLimitScope `client`), and the vault then refreshes no
// identity of the connection until the Retry-After passes, from any instance sharing the store. A
// second user's due read is answered as an identity's own back-off is: too_many_requests with
// retry_after when the stored token is about to expire, the stored token while it has time left.

interface TokenError {
  errorCode: string;
  retry_after?: number;
  message?: string;
}

interface ReadIdentity {
  status: string;
  access_token?: string;
  expires_in?: number;
  access_token_error?: TokenError;
}

// Inside the vault's refresh window, and below the margin a stored token must have left to be served.
const ABOUT_TO_EXPIRE = 20;
// Inside the refresh window, with more than the 30 s a stored token needs to be served.
const REFRESH_DUE = 120;
const RETRY_AFTER = 900;

function suite(kind: StoreKind): void {
  const metrics = createPrometheusMetrics();
  const { emulator, harness } = useHarnessWithEmulator(`vault-client-rate-limit-${kind}`, { api: 'google-health', store: kind, instances: 2, metrics });

  /** Refresh requests fitgate sent Google, whatever Google answered (the emulator counts only those it served). */
  async function refreshCallsSent(): Promise<number> {
    return parseExposition(await metrics.registry.metrics())
      .filter((series) => series.name === 'fitgate_upstream_requests_total' && series.labels.operation === 'refresh')
      .reduce((sum, series) => sum + series.value, 0);
  }

  async function readIdentity(userId: string, token: string, instance: number): Promise<ReadIdentity> {
    const response = await harness.call('get', `/users/${encodeURIComponent(userId)}`, token, undefined, instance);
    expect(response.status).toBe(200);
    return (response.body as { identities: ReadIdentity[] }).identities[0]!;
  }

  it('refreshes no other user of the connection, on any instance, until the Retry-After passes', async () => {
    const alice = await harness.seedUser('alice', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const bob = await harness.seedUser('bob', { expiresInSeconds: ABOUT_TO_EXPIRE });
    const carol = await harness.seedUser('carol', { expiresInSeconds: REFRESH_DUE });
    const token = await harness.tokenWith(['read:user_idp_tokens']);
    // One 429 only: a refresh sent after it would be served, and counted by the emulator.
    emulator.control.setFailure({ host: 'oauth2.googleapis.com', mode: { kind: 'rate-limit', retryAfterSeconds: RETRY_AFTER }, times: 1 });
    const servedBefore = emulator.control.counters()['google-health'].refreshes;
    const sentBefore = await refreshCallsSent();

    const first = await readIdentity(alice.userId, token, 0);
    expect(first.access_token_error).toMatchObject({ errorCode: 'too_many_requests' });
    expect(await refreshCallsSent()).toBe(sentBefore + 1);

    for (const instance of [1, 0]) {
      const held = await readIdentity(bob.userId, token, instance);
      expect(held).toMatchObject({ status: 'connected', access_token_error: { errorCode: 'too_many_requests' } });
      expect(held.access_token_error!.retry_after).toBeGreaterThan(RETRY_AFTER - 60);
      expect(held.access_token_error!.retry_after).toBeLessThanOrEqual(RETRY_AFTER);
      expect(held.access_token_error!.message).toMatch(/connection's client, whose quota all its users share/);
      expect(held).not.toHaveProperty('access_token');
    }
    // Carol's stored token has time left: she gets it, as through any rate-limit window.
    const served = await readIdentity(carol.userId, token, 1);
    expect(served.access_token).toBe(harness.deps[0]!.sealer.open(carol.identities[0]!.tokens!.accessToken));
    expect(served.expires_in).toBeLessThanOrEqual(REFRESH_DUE);

    expect(await refreshCallsSent()).toBe(sentBefore + 1);
    expect(emulator.control.counters()['google-health'].refreshes).toBe(servedBefore);
    const stored = (await harness.store.users.get(bob.tenant, bob.userId))!.identities[0]!;
    expect(stored.status).toBe('connected');
    expect(stored.tokens).toEqual(bob.identities[0]!.tokens);
    expect(
      parseExposition(await metrics.registry.metrics()).find(
        (series) => series.name === 'fitgate_vault_connection_pauses_total' && series.labels.connection === 'fitbit' && series.labels.reason === 'rate_limited',
      )?.value,
    ).toBe(1);
  });
}

describe('a rate limit of the connection’s client on the embedded store', () => suite('sqlite'));
describeWithRedis('a rate limit of the connection’s client on Redis', () => suite('redis'));

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestUser } from '../../../src/emulator/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { CLIENT_CALLBACK, startFrontChannel, useEmulator, type FrontChannel } from '../../support/authn/front_channel_fixture.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { shortLivedFileLocked } from '../authn/login/callback/short_lived_file_locked.js';
import { parseExposition } from './scrape.js';

/**
 * fitgate_logins_total's `reason` is the OAuth error the application hears, which joins failures an
 * operator must tell apart: access_denied is a person pressing Deny and an account not set up at
 * Google Health alike; temporarily_unavailable is the upstream's 503 and fitgate's own store alike.
 * Each of the four is counted under a `cause` of its own, beside that reason. (The embedded store,
 * whose short-lived file a test can lock for real, stands for both stores: the cause is read from the
 * failure, not from the store.)
 */

const emulator = useEmulator();

describe('a failed login’s cause in fitgate_logins_total', () => {
  let testStore: TestStore | undefined;
  let fitgate: FrontChannel | undefined;
  let metrics: PrometheusMetrics | undefined;
  let bob: TestUser;

  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    metrics = createPrometheusMetrics();
    fitgate = await startFrontChannel({
      store: testStore.store,
      upstream: { kind: 'emulator', emulator: emulator() },
      api: 'google-health',
      environment: { FITGATE_RATE_LIMITS: 'off' },
      metrics,
    });
    bob = emulator().control.users().find((user) => user.login === 'bob')!;
  });
  afterEach(() => {
    emulator().control.clearFailures();
    emulator().control.addUser(bob);
    emulator().control.setAutoConsent(undefined);
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });

  /** The tenant's failed Fitbit logins now, by cause, with the reason each was counted under. */
  async function failuresByCause(): Promise<Map<string, { reason: string; count: number }>> {
    const counted = new Map<string, { reason: string; count: number }>();
    for (const { name, labels, value } of parseExposition(await metrics!.registry.metrics())) {
      if (name !== 'fitgate_logins_total' || labels.tenant !== fitgate!.tenant || labels.outcome !== 'failure') continue;
      counted.set(labels.cause ?? '(no cause label)', { reason: labels.reason!, count: value });
    }
    return counted;
  }

  /** Bob logs in, deciding as `decision` at the upstream; the error the application hears. */
  async function bobLogsIn(decision: 'approve' | 'deny'): Promise<string | null> {
    emulator().control.setAutoConsent({ user: 'bob', decision });
    const { arrivedAt } = await fitgate!.browser().follow(fitgate!.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    return arrivedAt?.searchParams.get('error') ?? null;
  }

  /** Bob's login, its callback meeting the store's short-lived file locked: the error the application hears. */
  async function bobLogsInWhileTheStoreFails(): Promise<string | null> {
    emulator().control.setAutoConsent({ user: 'bob', decision: 'approve' });
    const browser = fitgate!.browser();
    const { arrivedAt: callback } = await browser.follow(fitgate!.authorizeUrl({ connection: 'fitbit' }), `${fitgate!.tenantUrl}/login/callback`);
    expect(callback).toBeDefined();
    const fault = shortLivedFileLocked(testStore!.location);
    await fault.begin();
    try {
      const answer = await browser.get(callback!);
      expect(answer.status).toBe(302);
      return answer.location!.searchParams.get('error');
    } finally {
      await fault.end();
    }
  }

  it('counts a Deny, an account not linked to Google Health, a failing store and an upstream 503 each under a cause of its own', async () => {
    expect(await bobLogsIn('deny')).toBe('access_denied');

    emulator().control.addUser({ ...bob, googleHealth: 'not-linked' });
    expect(await bobLogsIn('approve')).toBe('access_denied');
    emulator().control.addUser(bob);

    emulator().control.setFailure({ host: 'oauth2.googleapis.com', mode: { kind: 'status', status: 503 } });
    expect(await bobLogsIn('approve')).toBe('temporarily_unavailable');
    emulator().control.clearFailures();

    expect(await bobLogsInWhileTheStoreFails()).toBe('temporarily_unavailable');

    expect(Object.fromEntries(await failuresByCause())).toEqual({
      user_denied: { reason: 'access_denied', count: 1 },
      account_unusable: { reason: 'access_denied', count: 1 },
      store: { reason: 'temporarily_unavailable', count: 1 },
      upstream_unavailable: { reason: 'temporarily_unavailable', count: 1 },
    });
  }, 60_000);
});

import { afterEach, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { useMeteredFitgate } from './metrics_fixture.js';

// Logins through the emulator, then /metrics: each outcome moves exactly its own series by one,
// and the upstream calls the login made are counted by operation, result and status.

const emulator = useEmulator();
afterEach(() => {
  emulator().control.clearFailures();
  emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
});

describeEachStore('login metrics', (harness) => {
  const metered = useMeteredFitgate(harness, () => ({ upstream: { kind: 'emulator', emulator: emulator() } }));
  // alice's first login of each store's run is her first consent to the Google client, which brings
  // the refresh token in one round (one who consented before is sent back once: logins_sent_back_metric.test.ts).
  beforeAll(() => {
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
  });
  const logins = (outcome: string, reason: string, connection = 'fitbit') => ({
    tenant: metered().fitgate.tenant,
    connection,
    outcome,
    reason,
  });
  const upstream = (operation: string, result: string, status: string) => ({
    tenant: metered().fitgate.tenant,
    connection: 'fitbit',
    operation,
    result,
    status,
  });

  async function login(): Promise<URL | undefined> {
    const { fitgate } = metered();
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    return arrivedAt;
  }

  it('counts a first login as new_user and the next as existing_user, with one token and one identity call each', async () => {
    emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
    const before = await metered().scrape();
    expect((await login())?.searchParams.get('code')).toBeTruthy();
    expect((await login())?.searchParams.get('code')).toBeTruthy();

    const after = await metered().scrape();
    const moved = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(moved('fitgate_logins_total', logins('success', 'new_user'))).toBe(1);
    expect(moved('fitgate_logins_total', logins('success', 'existing_user'))).toBe(1);
    expect(moved('fitgate_logins_total', { outcome: 'failure' })).toBe(0);
    expect(moved('fitgate_upstream_requests_total', upstream('token', 'ok', '200'))).toBe(2);
    expect(moved('fitgate_upstream_requests_total', upstream('identity', 'ok', '200'))).toBe(2);
    expect(moved('fitgate_upstream_requests_total', { result: 'ok', operation: 'refresh' })).toBe(0);
    expect(moved('fitgate_upstream_request_duration_seconds_count', { operation: 'token' })).toBe(2);
  });

  it('counts a callback whose state names no login as a failure with invalid_request and no connection', async () => {
    const { fitgate } = metered();
    const before = await metered().scrape();
    const page = await fitgate.browser().get(`${fitgate.tenantUrl}/login/callback?state=never-issued&code=abc`);
    expect(page.status).toBe(400);

    const after = await metered().scrape();
    expect(after.value('fitgate_logins_total', logins('failure', 'invalid_request', '')) - before.value('fitgate_logins_total', logins('failure', 'invalid_request', ''))).toBe(1);
    expect(after.value('fitgate_logins_total', { outcome: 'success' })).toBe(before.value('fitgate_logins_total', { outcome: 'success' }));
  });

  it('counts a login the user refuses upstream as a failure with access_denied', async () => {
    emulator().control.setAutoConsent({ user: 'alice', decision: 'deny' });
    const before = await metered().scrape();
    expect((await login())?.searchParams.get('error')).toBe('access_denied');

    const after = await metered().scrape();
    expect(after.value('fitgate_logins_total', logins('failure', 'access_denied')) - before.value('fitgate_logins_total', logins('failure', 'access_denied'))).toBe(1);
    // The refusal came back on the browser's redirect: no upstream call was made.
    expect(after.value('fitgate_upstream_requests_total')).toBe(before.value('fitgate_upstream_requests_total'));
  });

  it('counts an upstream 429 at the token endpoint once as rate_limited, and the login as temporarily_unavailable', async () => {
    emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
    emulator().control.setFailure({ host: 'oauth2.googleapis.com', mode: { kind: 'rate-limit', retryAfterSeconds: 30 }, times: 1 });
    const before = await metered().scrape();
    expect((await login())?.searchParams.get('error')).toBe('temporarily_unavailable');

    const after = await metered().scrape();
    const moved = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(moved('fitgate_upstream_requests_total', upstream('token', 'rate_limited', '429'))).toBe(1);
    expect(moved('fitgate_upstream_requests_total', { operation: 'token' })).toBe(1);
    expect(moved('fitgate_upstream_requests_total', { operation: 'identity' })).toBe(0);
    expect(moved('fitgate_logins_total', logins('failure', 'temporarily_unavailable'))).toBe(1);
    expect(moved('fitgate_logins_total', { outcome: 'success' })).toBe(0);
  });
});

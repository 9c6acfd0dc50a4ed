import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { useMeteredFitgate } from './metrics_fixture.js';

// HTTP requests are counted by route pattern (never the raw path), store calls by repository and
// operation, and Node's own process metrics are there for the dashboard.

const emulator = useEmulator('alice');

describeEachStore('HTTP and store metrics', (harness) => {
  const metered = useMeteredFitgate(harness, () => ({ upstream: { kind: 'emulator', emulator: emulator() } }));

  it('counts a login by route pattern and status, and its login transaction and code in the store exactly', async () => {
    const { fitgate } = metered();
    // alice's first consent to the Google client in this store's run (the emulator outlives the
    // other store's): the refresh token comes with the one round counted here, not a second.
    emulator().control.revokeUserGrants('alice');
    const before = await metered().scrape();
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();

    const after = await metered().scrape();
    const moved = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels);
    expect(moved('fitgate_http_requests_total', { route: '/authorize', method: 'GET', status: '302' })).toBe(1);
    expect(moved('fitgate_http_requests_total', { route: '/login/callback', method: 'GET', status: '302' })).toBe(1);
    expect(moved('fitgate_http_requests_total', {})).toBe(2);
    expect(moved('fitgate_http_request_duration_seconds_count', { route: '/login/callback', method: 'GET' })).toBe(1);
    // /authorize keeps the login transaction; the callback takes it (once) and keeps the code.
    const store = (repository: string, operation: string) => moved('fitgate_store_operation_duration_seconds_count', { repository, operation });
    expect(store('ephemeral', 'put')).toBe(2);
    expect(store('ephemeral', 'consume')).toBe(1);
    expect(after.value('fitgate_store_operation_errors_total')).toBe(0);
    expect(after.value('fitgate_store_up')).toBe(1);
  });

  it('labels a path no route matched "unmatched", and a refusal before the Management API routes by its mount', async () => {
    const { fitgate } = metered();
    const host = new URL(fitgate.tenantUrl).host;
    const before = await metered().scrape();
    expect((await request(fitgate.url).get('/no/such/page/12345').set('Host', host)).status).toBe(404);
    expect((await request(fitgate.url).get('/api/v2/users/fitbit%7Calice-4f1c2b7e').set('Host', host)).status).toBe(401);

    const after = await metered().scrape();
    const moved = (labels: Record<string, string>) => after.value('fitgate_http_requests_total', labels) - before.value('fitgate_http_requests_total', labels);
    expect(moved({ route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(moved({ route: '/api/v2/*', method: 'GET', status: '401' })).toBe(1);
    expect(after.series.some((series) => /12345|alice/.test(series.labels.route ?? ''))).toBe(false);
  });

  it("exposes Node's process metrics: event-loop lag, heap and garbage collection", async () => {
    const scraped = await metered().scrape();
    expect(scraped.value('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(scraped.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(scraped.text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(scraped.text).toContain('# TYPE process_cpu_seconds_total counter');
  });
});

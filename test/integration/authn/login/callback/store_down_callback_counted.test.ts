import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LogEvent } from '../../../../../src/domain/types.js';
import { BackgroundWork } from '../../../../../src/http/background_work.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../../../src/metrics/prometheus_metrics.js';
import { startFrontChannel, useEmulator, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';
import { openSqliteTestStore, type TestStore } from '../../../../support/stores.js';
import { shortLivedFileLocked } from './short_lived_file_locked.js';
import { storeDownLogins } from './store_down_logins.js';

const emulator = useEmulator('alice');

/**
 * A login /login/callback sends back to its application with temporarily_unavailable, the store
 * having refused the take of its login (store_down_callback.ts), is a failed login like any other:
 * counted in fitgate_logins_total with the code the application heard, and logged as an `f` event
 * saying the failure was fitgate's. That event is written to the store that just failed, so the
 * application's answer never waits for the write.
 */
describe('a login the store sent back at /login/callback, as a failed login', () => {
  let testStore: TestStore | undefined;
  let fitgate: FrontChannel | undefined;
  let metrics: PrometheusMetrics | undefined;
  const background = new BackgroundWork();
  /** Set by a test: the log's writes never finish, as on a store that hangs. */
  let logWritesHang = false;

  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    const logs = testStore.store.logs;
    const append = logs.append.bind(logs);
    // Before the app starts: the metrics wrap the repositories' methods as they find them.
    Object.assign(logs, { append: (event: LogEvent) => (logWritesHang ? new Promise<void>(() => undefined) : append(event)) });
    metrics = createPrometheusMetrics();
    fitgate = await startFrontChannel({
      store: testStore.store,
      upstream: { kind: 'emulator', emulator: emulator() },
      environment: { FITGATE_RATE_LIMITS: 'off' },
      metrics,
      background,
    });
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });

  const failedLogins = () => storeDownLogins(metrics!, fitgate!.tenant);

  /** A login whose callback meets the short-lived file locked: the application's answer. */
  async function sentBack(state: string): Promise<URL> {
    const browser = fitgate!.browser();
    const { arrivedAt: callback } = await browser.follow(fitgate!.authorizeUrl({ connection: 'fitbit', state }), `${fitgate!.tenantUrl}/login/callback`);
    expect(callback).toBeDefined();
    const fault = shortLivedFileLocked(testStore!.location);
    await fault.begin();
    try {
      const answer = await browser.get(callback!);
      expect(answer.status).toBe(302);
      return answer.location!;
    } finally {
      await fault.end();
    }
  }

  it('counts it with temporarily_unavailable and logs its f event, the failure fitgate’s', async () => {
    const before = await failedLogins();

    const answer = await sentBack('counted');

    expect(answer.searchParams.get('error')).toBe('temporarily_unavailable');
    expect((await failedLogins()) - before).toBe(1);
    await background.settled(10_000);
    const { items } = await fitgate!.store.logs.list(fitgate!.tenant, { page: 0, perPage: 1, type: 'f' });
    expect(items[0]).toMatchObject({
      connection: 'fitbit',
      clientId: fitgate!.webClient.clientId,
      details: { error: 'temporarily_unavailable', source: 'fitgate' },
    });
  }, 60_000);

  it('answers the application while the log event’s write still hangs, and counts it all the same', async () => {
    const before = await failedLogins();
    logWritesHang = true;
    try {
      expect((await sentBack('unlogged')).searchParams.get('error')).toBe('temporarily_unavailable');
    } finally {
      logWritesHang = false;
    }
    expect((await failedLogins()) - before).toBe(1);
    expect(background.pending).toBe(1);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BackgroundWork } from '../../../../../src/http/background_work.js';
import { createLogger } from '../../../../../src/logging/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../../../src/metrics/prometheus_metrics.js';
import { startFrontChannel, useEmulator, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';
import { captureLogLines, linesWithEvent, type LogLine } from '../../../../support/log_capture.js';
import { openSqliteTestStore, type TestStore } from '../../../../support/stores.js';
import { shortLivedFileLocked } from './short_lived_file_locked.js';
import { storeDownLogins } from './store_down_logins.js';

const emulator = useEmulator('alice');
const REPLAYS = 4;

/**
 * A login /login/callback sends back with temporarily_unavailable is read, not taken, so while the
 * store keeps failing its callback URL can be replayed at will (store_down_callback.ts). Each replay
 * is answered with the redirect and counted in fitgate_logins_total, but the login is logged once
 * per period: one warning, one request line with the error, one `f` event written to the failing
 * store. Another login sent back meanwhile is logged in its own right.
 */
describe('a store-down callback replayed', () => {
  let testStore: TestStore | undefined;
  let fitgate: FrontChannel | undefined;
  let metrics: PrometheusMetrics | undefined;
  const background = new BackgroundWork();
  const { lines, destination } = captureLogLines();

  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    metrics = createPrometheusMetrics();
    fitgate = await startFrontChannel({
      store: testStore.store,
      upstream: { kind: 'emulator', emulator: emulator() },
      environment: { FITGATE_RATE_LIMITS: 'off' },
      metrics,
      background,
      logger: createLogger({ level: 'info', destination }),
    });
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });

  const failedLogins = () => storeDownLogins(metrics!, fitgate!.tenant);

  /** The request lines of /login/callback that carry an error. */
  const callbackErrorLines = () =>
    lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.err !== undefined && String((line.req as { url?: string } | undefined)?.url).startsWith('/login/callback'));

  it('answers and counts every replay, and logs each login once', async () => {
    const logins = [fitgate!.browser(), fitgate!.browser()];
    const callbacks: URL[] = [];
    for (const [index, browser] of logins.entries()) {
      const { arrivedAt } = await browser.follow(fitgate!.authorizeUrl({ connection: 'fitbit', state: `replayed-${index}` }), `${fitgate!.tenantUrl}/login/callback`);
      callbacks.push(arrivedAt!);
    }
    const before = await failedLogins();
    const fault = shortLivedFileLocked(testStore!.location);
    await fault.begin();
    const answers: { error: string | null; state: string | null }[] = [];
    try {
      for (const [index, browser] of logins.entries()) {
        for (let replay = 0; replay < REPLAYS; replay += 1) {
          const answer = await browser.get(callbacks[index]!);
          answers.push({ error: answer.location?.searchParams.get('error') ?? null, state: answer.location?.searchParams.get('state') ?? null });
        }
      }
    } finally {
      await fault.end();
    }
    await background.settled(10_000);

    const sentBack = (state: string) => Array.from({ length: REPLAYS }, () => ({ error: 'temporarily_unavailable', state }));
    expect(answers).toEqual([...sentBack('replayed-0'), ...sentBack('replayed-1')]);
    expect((await failedLogins()) - before).toBe(2 * REPLAYS);
    expect(linesWithEvent(lines, 'login_store_unavailable').map((line) => line.suppressed)).toEqual([0, 0]);
    expect(callbackErrorLines()).toHaveLength(2);
    const { items } = await fitgate!.store.logs.list(fitgate!.tenant, { page: 0, perPage: 50, type: 'f' });
    expect(items.filter((event) => event.details?.error === 'temporarily_unavailable')).toHaveLength(2);
  }, 60_000);
});

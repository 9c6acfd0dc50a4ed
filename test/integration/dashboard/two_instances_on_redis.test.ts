import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { DASHBOARD_SESSION_COOKIE } from '../../../src/http/session.js';
import { approveUrl, DEMO, startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { describeWithRedis } from '../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../support/stores.js';
import { csrfTokenOf, HOST, signedInAgent, startDashboardHarness, type DashboardHarness, type SeededAdmin } from './dashboard_harness.js';
import { configureFitbit, followUpstream, startTry } from './try_helpers.js';

/**
 * Two fitgate instances sharing one Redis: what the dashboard keeps (sessions, sign-in counts, TRY
 * transactions and reports) lives in the store, so any instance can serve any step.
 */
describeWithRedis('the dashboard on two instances sharing Redis', () => {
  let emulator: TestEmulator;
  let redis: TestStore;
  let dataDir: string;
  let first: DashboardHarness;
  let second: DashboardHarness;
  let admin: SeededAdmin;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    redis = await openRedisTestStore('dashboard-two-instances');
    dataDir = mkdtempSync(join(tmpdir(), 'fitgate-dashboard-'));
    const environment = { FITGATE_UPSTREAM_BASE_URL: emulator.url };
    first = await startDashboardHarness({ plugins: connectionPlugins(), environment, shared: { store: redis.store, dataDir } });
    second = await startDashboardHarness({ plugins: connectionPlugins(), environment, shared: { store: await redis.reopen(), dataDir } });
    admin = await first.seedAdmin('owner@example.com', ['default']);
    await configureFitbit(first, { api: 'google-health', ...DEMO.googleServer });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await redis?.cleanup();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an admin signed in on the other instance', async () => {
    const browser = request.agent(first.app).host(HOST);
    const _csrf = csrfTokenOf((await browser.get('/manage/login').expect(200)).text);
    const signedIn = await browser.post('/manage/login').type('form').send({ _csrf, email: admin.email, password: admin.password }).expect(303);
    const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((value) => value.startsWith(`${DASHBOARD_SESSION_COOKIE}=`))!.split(';')[0]!;
    await request(second.app).get('/manage/t/default').set('Host', HOST).set('Cookie', cookie).expect(200);
  });

  it('finishes a TRY begun on one instance on the other', async () => {
    const agent = await signedInAgent(first.app, admin);
    const back = await followUpstream(approveUrl(await startTry(agent), { user: 'alice' }));

    const browserOnSecond = request.agent(second.app).host(HOST);
    const handedOver = await browserOnSecond.get(`${back.pathname}${back.search}`).expect(303);
    const finished = await browserOnSecond.get(String(handedOver.headers.location)).expect(303);
    const page = await agent.get(new URL(String(finished.headers.location)).pathname).expect(200);
    expect(page.text).toContain('It works!');
  });

  it('counts sign-in attempts across instances', async () => {
    const other = await first.seedAdmin('guessed@example.com', ['default']);
    const attempt = async (harness: DashboardHarness, password: string) => {
      const agent = request.agent(harness.app).host(HOST);
      const _csrf = csrfTokenOf((await agent.get('/manage/login').expect(200)).text);
      return agent.post('/manage/login').type('form').send({ _csrf, email: other.email, password });
    };
    for (const harness of [first, second, first, second, first]) expect((await attempt(harness, 'wrong')).status).toBe(401);
    expect((await attempt(second, other.password)).status).toBe(429);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { DASHBOARD_SESSION_COOKIE } from '../../../../src/http/session.js';
import type { Store } from '../../../../src/store/store.js';
import { describeWithRedis } from '../../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../../support/stores.js';
import { openCreateForm } from '../create_form.js';
import { csrfTokenOf, HOST, startDashboardHarness, type DashboardHarness } from '../dashboard_harness.js';

const LIST = '/manage/t/default/applications';

/**
 * "Create application" posted twice at once, each post reaching another instance sharing Redis:
 * still one application, both answers lead to it, and its credentials page, on either instance,
 * shows the secret the first kept in the session.
 */
describeWithRedis('the Create application form sent twice to two instances', () => {
  let redis: TestStore;
  let dataDir: string;
  let first: DashboardHarness;
  let second: DashboardHarness;

  beforeAll(async () => {
    redis = await openRedisTestStore('dashboard-create-twice');
    dataDir = mkdtempSync(join(tmpdir(), 'fitgate-dashboard-'));
    first = await startDashboardHarness({ shared: { store: redis.store, dataDir } });
    second = await startDashboardHarness({ shared: { store: await redis.reopen(), dataDir } });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await redis?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Whichever instance makes the application does so only once the other post has arrived too. */
  function meetWhileMaking(stores: Store[]): void {
    let bothArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (bothArrived = resolve));
    let creations = 0;
    for (const store of stores) {
      const tryAcquire = store.locks.tryAcquire.bind(store.locks);
      jest.spyOn(store.locks, 'tryAcquire').mockImplementation(async (name, ttlMs) => {
        const token = await tryAcquire(name, ttlMs);
        if (token === undefined) bothArrived();
        return token;
      });
      const create = store.clients.create.bind(store.clients);
      jest.spyOn(store.clients, 'create').mockImplementation(async (client) => {
        if (++creations > 1) bothArrived();
        await arrived;
        return create(client);
      });
    }
  }

  it('makes one application, and shows its secret once, wherever the browser goes next', async () => {
    const admin = await first.seedAdmin('owner@example.com', ['default']);
    const browser = request.agent(first.app).host(HOST);
    const _csrf = csrfTokenOf((await browser.get('/manage/login').expect(200)).text);
    const signedIn = await browser.post('/manage/login').type('form').send({ _csrf, email: admin.email, password: admin.password }).expect(303);
    const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []).find((value) => value.startsWith(`${DASHBOARD_SESSION_COOKIE}=`))!.split(';')[0]!;
    const fields = { ...(await openCreateForm(browser, `${LIST}/new`)), name: 'Sent to both', app_type: 'regular_web' };
    meetWhileMaking([first.store, second.store]);

    const answers = await Promise.all(
      [first, second].map((instance) => request(instance.app).post(LIST).set('Host', HOST).set('Cookie', cookie).type('form').send(fields)),
    );

    const { items } = await first.store.clients.list('default', { page: 0, perPage: 100 });
    const made = items.filter((client) => client.name === 'Sent to both');
    expect(made).toHaveLength(1);
    const credentials = `${LIST}/${made[0]!.clientId}/credentials`;
    expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
      [303, credentials],
      [303, credentials],
    ]);
    const shown = await request(second.app).get(credentials).set('Host', HOST).set('Cookie', cookie).expect(200);
    expect(shown.text).toContain('id="client-secret"');
    await request(first.app).get(credentials).set('Host', HOST).set('Cookie', cookie).expect(303);
  });
});

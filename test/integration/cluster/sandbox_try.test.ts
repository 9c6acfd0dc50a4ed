import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS } from '../server/spawn_server.js';
import { TENANT_URL, type ClusterBrowser } from './cluster_client.js';
import { ADMIN, useCluster } from './cluster_fixture.js';

/** The Fitbit connection's sandbox banner, word for word (each banner names its connection's plugin). */
const SANDBOX_NOTICE = 'Sandbox: no real Fitbit account is used.';

async function signIn(browser: ClusterBrowser): Promise<void> {
  const form = await browser.get('/manage/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const signedIn = await browser.post('/manage/login', { _csrf: csrf, email: ADMIN.email, password: ADMIN.password });
  expect(signedIn.status).toBe(303);
}

/** Presses Try on the sandbox Fitbit connection and follows it to the result page; the callback steps off the starting worker. */
async function runTry(browser: ClusterBrowser): Promise<{ startedOn: string; finishedOn: string; page: string }> {
  const connection = await browser.get('/manage/t/default/social/fitbit');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(connection.text)?.[1] ?? '';
  const started = await browser.post('/manage/t/default/social/fitbit/try', { _csrf: csrf });
  expect(started.status).toBe(200);
  // The answer's page moves on to the sandbox by itself (a meta refresh).
  const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(started.text)?.[1] ?? 'about:blank';
  const consent = new URL(refresh.replaceAll('&amp;', '&'));
  expect(`${consent.origin}${consent.pathname}`.startsWith(`${TENANT_URL}/_sandbox/`)).toBe(true);
  consent.searchParams.set('emulator_user', 'alice');
  consent.searchParams.set('emulator_decision', 'approve');
  const upstream = await browser.get(consent);
  expect(upstream.location?.pathname).toBe('/login/callback');

  await browser.stepOffWorker(started.worker);
  const callback = await browser.get(upstream.location ?? '');
  expect(callback.status).toBe(303);
  const handedOver = await browser.get(callback.location ?? '');
  expect(handedOver.status).toBe(303);
  const result = await browser.get(handedOver.location ?? '');
  expect(result.status).toBe(200);
  return { startedOn: started.worker, finishedOn: callback.worker, page: result.text };
}

describe('TRY in sandbox mode with two workers', () => {
  const cluster = useCluster('sqlite');

  it(
    'logs in through the one sandbox emulator when TRY starts on one worker and returns to the other',
    async () => {
      const browser = cluster().browser();
      await signIn(browser);
      let attempt = await runTry(browser);
      for (let again = 0; again < 4 && attempt.startedOn === attempt.finishedOn; again += 1) attempt = await runTry(browser);
      expect(attempt.finishedOn).not.toBe(attempt.startedOn);
      expect(attempt.page).toContain('It works!');
      expect(attempt.page).toContain('alice-4f1c2b7e');
      expect(attempt.page).toContain(SANDBOX_NOTICE);
    },
    SERVER_TEST_TIMEOUT_MS,
  );
});

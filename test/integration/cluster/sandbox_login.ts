import { expect } from '@jest/globals';
import type { ClusterBrowser } from './cluster_client.js';
import { APP_CALLBACK } from './cluster_fixture.js';

export interface CrossedLogin {
  /** Worker pids of /authorize and /login/callback. */
  readonly startedOn: string;
  readonly finishedOn: string;
  /** The authorization code fitgate sent the application. */
  readonly code: string;
}

/**
 * One complete sandbox login of `alice` as a browser makes it: /authorize, the emulator's consent
 * (answered through its query parameters), /login/callback, back to the application. Before the
 * callback the browser steps off the worker that took /authorize, so the callback usually lands on
 * the other one; the caller checks where it did.
 */
export async function sandboxLogin(browser: ClusterBrowser, clientId: string, state: string): Promise<CrossedLogin> {
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: APP_CALLBACK, scope: 'openid profile', state, connection: 'fitbit' });
  const authorize = await browser.get(`/authorize?${query}`);
  expect(authorize.status).toBe(302);
  const consent = authorize.location ?? new URL('about:blank');
  expect(consent.pathname.startsWith('/_sandbox/')).toBe(true);
  consent.searchParams.set('emulator_user', 'alice');
  consent.searchParams.set('emulator_decision', 'approve');

  const upstream = await browser.get(consent);
  expect(upstream.status).toBe(302);
  expect(upstream.location?.pathname).toBe('/login/callback');

  await browser.stepOffWorker(authorize.worker);
  const callback = await browser.get(upstream.location ?? '');
  expect(callback.location?.href.startsWith(`${APP_CALLBACK}?`)).toBe(true);
  expect(callback.location?.searchParams.get('state')).toBe(state);
  return { startedOn: authorize.worker, finishedOn: callback.worker, code: callback.location?.searchParams.get('code') ?? '' };
}

/** Logs in until a login's callback lands on another worker than its /authorize (bounded); every login must succeed. */
export async function loginAcrossWorkers(browser: ClusterBrowser, clientId: string): Promise<CrossedLogin> {
  let login: CrossedLogin | undefined;
  for (let attempt = 0; attempt < 5 && (login === undefined || login.startedOn === login.finishedOn); attempt += 1) {
    login = await sandboxLogin(browser, clientId, `cross-${attempt}`);
  }
  expect(login?.finishedOn).not.toBe(login?.startedOn);
  return login as CrossedLogin;
}

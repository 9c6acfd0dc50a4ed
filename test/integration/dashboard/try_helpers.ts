import { afterAll, beforeAll, expect } from '@jest/globals';
import request from 'supertest';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { FitbitApi } from '../../../src/connections/fitbit/index.js';
import { approveUrl, startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { csrfFrom, HOST, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness, type HarnessOptions } from './dashboard_harness.js';

export interface TrySetup {
  emulator(): TestEmulator;
  harness(): DashboardHarness;
  /** Signed in as an admin of the default tenant. */
  agent(): Agent;
}

export interface TrySetupOptions {
  /** Settings over FITGATE_UPSTREAM_BASE_URL, e.g. FITGATE_SANDBOX=off. */
  readonly environment?: Record<string, string>;
  /** The tenants the admin manages: the default tenant alone when left out. */
  readonly tenants?: string[];
  /** The app's logger; silent when left out. */
  readonly logger?: HarnessOptions['logger'];
}

/**
 * For a describe block: an emulator standing in for Fitbit and Google (FITGATE_UPSTREAM_BASE_URL),
 * the app on it with the real plugins, and a signed-in admin; all closed after the block.
 */
export function useTrySetup(options: TrySetupOptions = {}): TrySetup {
  let emulator: TestEmulator | undefined;
  let harness: DashboardHarness | undefined;
  let agent: Agent | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    harness = await startDashboardHarness({
      plugins: connectionPlugins(),
      environment: { FITGATE_UPSTREAM_BASE_URL: emulator.url, ...options.environment },
      ...(options.logger && { logger: options.logger }),
    });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', options.tenants ?? ['default']));
  });
  afterAll(async () => {
    await harness?.close();
    await emulator?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the TRY setup is ready inside tests and hooks only');
    return value;
  };
  return { emulator: () => ready(emulator), harness: () => ready(harness), agent: () => ready(agent) };
}

/** A dashboard with the real plugins and no upstream but `environment`'s (the sandbox, or the real hosts), and a signed-in admin. */
export function useDashboardForTry(environment: Record<string, string>): Omit<TrySetup, 'emulator'> {
  let harness: DashboardHarness | undefined;
  let agent: Agent | undefined;
  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(() => harness?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the TRY setup is ready inside tests and hooks only');
    return value;
  };
  return { harness: () => ready(harness), agent: () => ready(agent) };
}

/** The sandbox's consent page approved at once by `user`: where the sandbox sends the browser back. */
export async function sandboxApproval(agent: Agent, authorizeUrl: string, user = 'alice'): Promise<URL> {
  const url = new URL(authorizeUrl);
  url.searchParams.set('emulator_user', user);
  const consent = await agent.get(`${url.pathname}${url.search}`).expect(302);
  return new URL(String(consent.headers.location));
}

/** Gives a tenant's (default: `default`) Fitbit connection these credentials (or none: sandbox), creating it if needed. */
export async function configureFitbit(
  harness: DashboardHarness,
  options: { api: FitbitApi; clientId?: string; clientSecret?: string; scope?: string[]; tenant?: string },
): Promise<void> {
  const tenant = options.tenant ?? 'default';
  const existing = await harness.store.connections.getByName(tenant, 'fitbit');
  const now = new Date().toISOString();
  const connection = {
    tenant,
    id: existing?.id ?? `con_${tenant}fitbit0000`,
    name: 'fitbit',
    strategy: 'fitbit',
    options: {
      api: options.api,
      ...(options.clientId && { clientId: options.clientId }),
      ...(options.clientSecret && { clientSecret: harness.deps.sealer.seal(options.clientSecret) }),
      scope: options.scope ?? ['activity', 'profile'],
      profileSync: 'on_each_login' as const,
    },
    enabledClients: [],
    createdAt: now,
    updatedAt: now,
  };
  if (existing) await updateConnection(harness.store.connections, tenant, existing.id, (current) => ({ ...connection, revision: current.revision }));
  else await harness.store.connections.create(connection);
}

/**
 * Presses Try on a tenant's Fitbit connection as a browser does: loads the connection's page for the
 * CSRF token, then posts the Try button's form. Returns the answer once its status is `status`.
 */
export async function pressTry(agent: Agent, status: number, tenant = 'default') {
  const page = `/manage/t/${tenant}/social/fitbit`;
  const _csrf = await csrfFrom(agent, page);
  return agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(status);
}

/**
 * Presses Try when the TRY fails before the browser leaves for the upstream (the authorize
 * preflight's refusal, fitgate's own start): the answer is a redirect (303, Post/Redirect/Get) to
 * the TRY's result page, which this opens. Returns the page and its address.
 */
export async function pressTryToFailure(agent: Agent, tenant = 'default', strategy = 'fitbit'): Promise<{ text: string; location: string }> {
  const page = `/manage/t/${tenant}/social/${strategy}`;
  const _csrf = await csrfFrom(agent, page);
  const answer = await agent.post(`${page}/try`).set('Accept', 'text/html').type('form').send({ _csrf }).expect(303);
  const location = String(answer.headers.location);
  expect(location).toMatch(new RegExp(`^${page}/try/result/[A-Za-z0-9_-]{24}$`));
  return { text: (await agent.get(location).expect(200)).text, location };
}

/**
 * Presses Try on a tenant's Fitbit connection and returns the upstream's authorize URL, where the
 * answer's page sends the browser on (by a meta refresh, as a form's redirect off-site is held to
 * the CSP's form-action).
 */
export async function startTry(agent: Agent, tenant = 'default'): Promise<string> {
  return continueUrlOf((await pressTry(agent, 200, tenant)).text);
}

/** Where a "Continuing to …" page sends the browser by itself. */
export function continueUrlOf(html: string): string {
  const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1];
  if (!refresh) throw new Error('the page moves on nowhere');
  return refresh.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
}

/**
 * Presses Try, lets `upstream` play the browser at the upstream (it gets the authorize URL and
 * returns where the upstream sent the browser back), then follows fitgate through /login/callback to
 * the result page and returns it.
 */
export async function runTry(agent: Agent, upstream: (authorizeUrl: string) => Promise<URL>): Promise<string> {
  return finishTry(agent, await upstream(await startTry(agent)));
}

/** Follows fitgate from where the upstream sent the browser back (`back`) to the TRY's result page, and returns it. */
export async function finishTry(agent: Agent, back: URL): Promise<string> {
  expect(`${back.origin}${back.pathname}`).toBe(`http://${HOST}/login/callback`);

  const callback = await agent.get(`/login/callback${back.search}`).expect(303);
  expect(String(callback.headers.location)).toBe(`/manage/try/callback${back.search}`);
  const finished = await agent.get(String(callback.headers.location)).expect(303);
  const result = new URL(String(finished.headers.location));
  expect(result.host).toBe(HOST);
  return (await agent.get(result.pathname).expect(200)).text;
}

/** The upstream's redirect back, for a browser-less consent at the emulator. */
export async function followUpstream(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`the upstream answered ${response.status} without a redirect`);
  return new URL(location);
}

/**
 * A real login through `clientId`'s /authorize as the emulator's `user`, in a fresh browser (no
 * session, so the upstream is really visited): the callback's redirect to the application.
 */
export async function realLogin(harness: DashboardHarness, clientId: string, redirectUri: string, state: string, user = 'alice'): Promise<URL> {
  const browser = request.agent(harness.app).host(HOST);
  const started = await browser
    .get('/authorize')
    .query({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid', connection: 'fitbit', state })
    .expect(302);
  const back = await followUpstream(approveUrl(String(started.headers.location), { user }));
  let finished = new URL(String((await browser.get(`${back.pathname}${back.search}`).expect(302)).headers.location));
  // A user who consented to the upstream client before (at a TRY) brings no refresh token to a
  // first login: fitgate sends the browser back once for a consent, which the user gives again.
  if (finished.searchParams.get('prompt') === 'consent') {
    const again = await followUpstream(approveUrl(finished.href, { user }));
    finished = new URL(String((await browser.get(`${again.pathname}${again.search}`).expect(302)).headers.location));
  }
  return finished;
}

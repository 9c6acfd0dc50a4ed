import { afterAll, beforeAll, expect } from '@jest/globals';
import { connectionPlugins } from '../../../src/connections/registry.js';
import type { FitbitApi } from '../../../src/connections/fitbit/index.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { HOST, signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from './dashboard_harness.js';

export interface TrySetup {
  emulator(): TestEmulator;
  harness(): DashboardHarness;
  /** Signed in as an admin of the default tenant. */
  agent(): Agent;
}

/**
 * For a describe block: an emulator standing in for Fitbit and Google (FITGATE_UPSTREAM_BASE_URL),
 * the app on it with the real plugins, and a signed-in admin; all closed after the block.
 */
export function useTrySetup(): TrySetup {
  let emulator: TestEmulator | undefined;
  let harness: DashboardHarness | undefined;
  let agent: Agent | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_UPSTREAM_BASE_URL: emulator.url } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
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
  if (existing) await harness.store.connections.update(connection);
  else await harness.store.connections.create(connection);
}

/**
 * Presses Try, lets `upstream` play the browser at the upstream (it gets the authorize URL and
 * returns where the upstream sent the browser back), then follows fitgate through /login/callback to
 * the result page and returns it.
 */
export async function runTry(agent: Agent, upstream: (authorizeUrl: string) => Promise<URL>): Promise<string> {
  const started = await agent.get('/manage/t/default/social/fitbit/try').expect(302);
  const back = await upstream(String(started.headers.location));
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

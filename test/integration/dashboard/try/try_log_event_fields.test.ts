import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import type { LogEvent } from '../../../../src/domain/types.js';
import { approveUrl, DEMO, startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { signedInAgent, startDashboardHarness, type Agent, type DashboardHarness } from '../dashboard_harness.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry } from '../try_helpers.js';

/**
 * A TRY's log event carries what a user's login event carries (the request's host, IP and user
 * agent; the connection's name, id and strategy), in the log of the tenant whose connection was
 * tried, even when the admin manages that tenant from another tenant's host.
 */
describe('the fields of a TRY’s log event', () => {
  let emulator: TestEmulator;
  let harness: DashboardHarness;
  let agent: Agent;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    harness = await startDashboardHarness({ plugins: connectionPlugins(), environment: { FITGATE_UPSTREAM_BASE_URL: emulator.url, FITGATE_SANDBOX: 'off' } });
    agent = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default', 'acme']));
  });
  afterAll(async () => {
    await harness?.close();
    await emulator?.close();
  });

  const tries = async (tenant: string): Promise<LogEvent[]> =>
    (await harness.store.logs.list(tenant, { page: 0, perPage: 20 })).items.filter((event) => event.details?.try === true);

  it('records a successful TRY with the request’s and the connection’s facts, and the user’s name', async () => {
    await configureFitbit(harness, { api: 'google-health', ...DEMO.googleServer });
    agent.set('User-Agent', 'try-fields-test');
    await runTry(agent, (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    const connection = (await harness.store.connections.getByName('default', 'fitbit'))!;

    const [event] = await tries('default');
    expect(event).toEqual({
      id: expect.any(String),
      date: expect.any(String),
      tenant: 'default',
      type: 's',
      description: 'Successful login (Try from the dashboard; no user created)',
      connection: 'fitbit',
      connectionId: connection.id,
      strategy: 'fitbit',
      strategyType: 'social',
      userName: 'Alice Runner',
      hostname: 'localhost',
      ip: expect.any(String),
      userAgent: 'try-fields-test',
      details: { try: true, api: 'google-health', settings: expect.any(String), request: { channel: 'dashboard' } },
    });
  });

  it('records a failed TRY of another tenant’s connection in that tenant’s log, with that connection’s id', async () => {
    await configureFitbit(harness, { tenant: 'acme', api: 'google-health', clientId: 'nobody.apps.googleusercontent.com', clientSecret: 'never-tried' });
    await pressTryToFailure(agent, 'acme');
    const connection = (await harness.store.connections.getByName('acme', 'fitbit'))!;

    const [event] = await tries('acme');
    expect(event).toEqual({
      id: expect.any(String),
      date: expect.any(String),
      tenant: 'acme',
      type: 'f',
      description: 'Failed login (Try from the dashboard): invalid_client (unknown Client ID, refused at authorize)',
      connection: 'fitbit',
      connectionId: connection.id,
      strategy: 'fitbit',
      strategyType: 'social',
      hostname: 'localhost',
      ip: expect.any(String),
      userAgent: expect.any(String),
      details: { try: true, api: 'google-health', settings: expect.any(String), request: { channel: 'dashboard' }, error: 'invalid_client' },
    });
    expect(await tries('default')).not.toContainEqual(expect.objectContaining({ tenant: 'acme' }));
  });
});

import { describe, expect, it } from '@jest/globals';
import type { LogEvent } from '../../../../src/domain/types.js';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry, useTrySetup } from '../try_helpers.js';

/**
 * A TRY's log event carries what a user's login event carries (the request's host, IP and user
 * agent; the connection's name, id and strategy), in the log of the tenant whose connection was
 * tried, even when the admin manages that tenant from another tenant's host.
 */
describe('the fields of a TRY’s log event', () => {
  const setup = useTrySetup({ environment: { FITGATE_SANDBOX: 'off' }, tenants: ['default', 'acme'] });

  const tries = async (tenant: string): Promise<LogEvent[]> =>
    (await setup.harness().store.logs.list(tenant, { page: 0, perPage: 20 })).items.filter((event) => event.details?.try === true);

  it('records a successful TRY with the request’s and the connection’s facts, and the user’s name', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    setup.agent().set('User-Agent', 'try-fields-test');
    await runTry(setup.agent(), (url) => followUpstream(approveUrl(url, { user: 'alice' })));
    const connection = (await setup.harness().store.connections.getByName('default', 'fitbit'))!;

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
    await configureFitbit(setup.harness(), { tenant: 'acme', api: 'google-health', clientId: 'nobody.apps.googleusercontent.com', clientSecret: 'never-tried' });
    await pressTryToFailure(setup.agent(), 'acme');
    const connection = (await setup.harness().store.connections.getByName('acme', 'fitbit'))!;

    const [event] = await tries('acme');
    expect(event).toEqual({
      id: expect.any(String),
      date: expect.any(String),
      tenant: 'acme',
      type: 'f',
      description: 'Failed login (Try from the dashboard): unknown_client',
      connection: 'fitbit',
      connectionId: connection.id,
      strategy: 'fitbit',
      strategyType: 'social',
      hostname: 'localhost',
      ip: expect.any(String),
      userAgent: expect.any(String),
      details: {
        try: true,
        api: 'google-health',
        settings: expect.any(String),
        request: { channel: 'dashboard' },
        // As a failed login's: the code a client would have been told, whose failure, the plugin's kind.
        error: 'server_error',
        source: 'upstream',
        upstream_kind: 'invalid_client',
        try_failure: 'unknown_client',
      },
    });
    expect(await tries('default')).not.toContainEqual(expect.objectContaining({ tenant: 'acme' }));
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { updateConnection } from '../../../../../src/domain/connection_updates.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * An application ported from Auth0 keeps `connection: 'google-oauth2'` (or names the connection by
 * its display name, "Fitbit"): /authorize refuses it as Auth0 does, and says which connections the
 * application may name instead, or that it may name none and where an administrator enables one.
 */
describeEachStore('/authorize naming a connection the application may not use', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  async function description(connection: string): Promise<string | null> {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ connection }));
    expect(response.status).toBe(302);
    expect(response.location?.href.startsWith(`${CLIENT_CALLBACK}?`)).toBe(true);
    expect(response.location?.searchParams.get('error')).toBe('invalid_request');
    return response.location!.searchParams.get('error_description');
  }

  it('names the connections the application may use instead of one the tenant does not have', async () => {
    expect(await description('google-oauth2')).toBe(
      'The connection "google-oauth2" is not enabled for this application. The connection it may use is "fitbit".',
    );
    expect(await description('Fitbit')).toBe('The connection "Fitbit" is not enabled for this application. The connection it may use is "fitbit".');
  });

  it('says where one is enabled when the application may use none', async () => {
    const { tenant, id } = fitgate.connection;
    await updateConnection(fitgate.store.connections, tenant, id, (current) => ({ ...current, enabledClients: [fitgate.spaClient.clientId] }));
    try {
      expect(await description('fitbit')).toBe(
        'The connection "fitbit" is not enabled for this application. No connection is enabled for this application; an administrator ' +
          "can enable one in the dashboard, in the application's Connections section or on the connection's Applications tab.",
      );
    } finally {
      await updateConnection(fitgate.store.connections, tenant, id, (current) => ({ ...fitgate.connection, revision: current.revision }));
    }
  });
});

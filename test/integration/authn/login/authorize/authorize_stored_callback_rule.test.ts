import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { updateConnection } from '../../../../../src/domain/connection_updates.js';
import { createClient } from '../../../../../src/domain/clients.js';
import type { Client } from '../../../../../src/domain/types.js';
import { describeEachStore } from '../../../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * Callbacks saved before the application URL rule existed (straight into the store here, as an older
 * fitgate let the Management API do) are refused at /authorize with a page, and never followed.
 */
describeEachStore('/authorize with a callback the URL rule refuses', (harness) => {
  let fitgate: FrontChannel;
  let client: Client;
  const stored = ['javascript:alert(1)//', 'https://app.example/callback#frag', 'http://app.example/callback', 'https://*.app.example/callback'];

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    ({ client } = await createClient(fitgate.store.clients, { tenant: fitgate.tenant, name: 'Saved long ago', appType: 'regular_web', callbacks: stored }));
    // Enabled, so that without the rule the request would go on to the upstream.
    await updateConnection(fitgate.store.connections, fitgate.connection.tenant, fitgate.connection.id, (current) => ({
      ...current,
      enabledClients: [fitgate.webClient.clientId, client.clientId],
    }));
  });
  afterAll(() => fitgate.close());

  it.each(stored)('shows a page for the registered redirect_uri %s and never redirects', async (redirectUri) => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ client_id: client.clientId, redirect_uri: redirectUri, connection: 'fitbit' }));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain('<html');
    expect(response.text).toContain('invalid_request');
    expect(response.text).toContain('is no longer accepted');
  });
});

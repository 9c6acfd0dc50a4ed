import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import { buildTenant } from '../../../../src/domain/tenants.js';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { signedInAgent } from '../dashboard_harness.js';
import { configureFitbit, followUpstream, startTry, useTrySetup } from '../try_helpers.js';

/**
 * A tenant on its own domain: a login there and a TRY begun there (the admin using the dashboard on
 * that domain) come back to the same callback URL, the one registered upstream for that domain.
 */
describe("TRY on a tenant's own domain", () => {
  const setup = useTrySetup();
  const DOMAIN = 'login.acme.test';
  const OWN_CALLBACK = `http://${DOMAIN}/login/callback`;
  const APP_CALLBACK = 'https://app.example/callback';

  it('uses the callback URL a login on that domain uses, and finishes there', async () => {
    const harness = setup.harness();
    await harness.store.tenants.create({ ...(await buildTenant('acme', harness.deps.sealer)), domains: [DOMAIN] });
    const admin = await signedInAgent(harness.app, await harness.seedAdmin('acme-owner@example.com', ['acme']), DOMAIN);
    const web = await createClient(harness.store.clients, { tenant: 'acme', name: 'Acme Web', appType: 'regular_web', callbacks: [APP_CALLBACK] });
    await configureFitbit(harness, { tenant: 'acme', api: 'google-health', ...DEMO.googleServer, scope: ['profile'] });
    const connection = (await harness.store.connections.getByName('acme', 'fitbit'))!;
    await updateConnection(harness.store.connections, 'acme', connection.id, (current) => ({ ...current, enabledClients: [web.client.clientId] }));
    setup.emulator().control.addRedirectUri(DEMO.googleServer.clientId, OWN_CALLBACK);

    const login = await request
      .agent(harness.app)
      .host(DOMAIN)
      .get('/authorize')
      .query({ client_id: web.client.clientId, response_type: 'code', redirect_uri: APP_CALLBACK, scope: 'openid', connection: 'fitbit', state: 's1' })
      .expect(302);
    const tried = await startTry(admin, 'acme');

    expect(new URL(String(login.headers.location)).searchParams.get('redirect_uri')).toBe(OWN_CALLBACK);
    expect(new URL(tried).searchParams.get('redirect_uri')).toBe(OWN_CALLBACK);

    // The second half exchanges the code with the same redirect_uri, on the same host.
    const back = await followUpstream(approveUrl(tried, { user: 'alice' }));
    expect(`${back.origin}${back.pathname}`).toBe(OWN_CALLBACK);
    const handedOver = await admin.get(`/login/callback${back.search}`).expect(303);
    const finished = await admin.get(String(handedOver.headers.location)).expect(303);
    const result = new URL(String(finished.headers.location));
    expect(result.host).toBe(DOMAIN);
    expect((await admin.get(result.pathname).expect(200)).text).toContain('It works!');
  });
});

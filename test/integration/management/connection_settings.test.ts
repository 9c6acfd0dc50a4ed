import { describe, expect, it } from '@jest/globals';
import { DEMO } from '../../support/emulator.js';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-connection-settings', async (started) => {
  admin = await started.tokenWith(['read:connections', 'update:connections']);
});

describe("a connection's settings and options through PATCH", () => {
  it('stores display_name, metadata, show_as_button and is_domain_connection and returns them', async () => {
    const body = { display_name: 'Fitbit (Google)', metadata: { region: 'eu' }, show_as_button: true, is_domain_connection: true };
    const patched = await harness.call('patch', `/connections/${harness.connection.id}`, admin, body).expect(200);
    expect(patched.body).toMatchObject(body);
    expect((await harness.call('get', `/connections/${harness.connection.id}`, admin)).body).toMatchObject(body);
  });

  it('puts the connection back into sandbox mode when the options sent carry no client_id, dropping the secret', async () => {
    const patched = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { options: { api: 'fitbit-legacy', scope: ['profile'] } }).expect(200);

    expect(patched.body.options).toEqual({ api: 'fitbit-legacy', scope: ['profile'], set_user_root_attributes: 'on_each_login' });
    const stored = await harness.store.connections.get(harness.tenant.name, harness.connection.id);
    expect(stored?.options.clientId).toBeUndefined();
    expect(stored?.options.clientSecret).toBeUndefined();

    const configured = await harness
      .call('patch', `/connections/${harness.connection.id}`, admin, {
        options: { api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, client_secret: DEMO.legacyServer.clientSecret, scope: ['profile'] },
      })
      .expect(200);
    expect(configured.body.options.client_id).toBe(DEMO.legacyServer.clientId);
    expect(JSON.stringify(configured.body)).not.toContain(DEMO.legacyServer.clientSecret);
  });

  it('refuses metadata that is not string to string', async () => {
    const response = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { metadata: { n: 1 } }).expect(400);
    expect(response.body.message).toMatch(/on property metadata\.n/);
  });
});

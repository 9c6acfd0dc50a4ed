import { describe, expect, it } from '@jest/globals';
import { DEMO } from '../../support/emulator.js';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-connections', async (started) => {
  admin = await started.tokenWith(['read:connections', 'update:connections']);
});

const storedSecret = async () => {
  const connection = await harness.store.connections.get(harness.tenant.name, harness.connection.id);
  return harness.deps[0]!.sealer.open(connection!.options.clientSecret!);
};

describe('/api/v2/connections', () => {
  it('shows a connection in Auth0’s shape, with its options but never its client secret', async () => {
    const response = await harness.call('get', `/connections/${harness.connection.id}`, admin);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: harness.connection.id,
      name: 'fitbit',
      strategy: 'fitbit',
      options: { api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, scope: ['activity', 'heartrate', 'profile'], set_user_root_attributes: 'on_each_login' },
      enabled_clients: [],
      realms: ['fitbit'],
      is_domain_connection: false,
    });
    expect(JSON.stringify(response.body)).not.toContain(DEMO.legacyServer.clientSecret);
  });

  it('lists connections, filtered by strategy or name, with totals on request', async () => {
    const all = await harness.call('get', '/connections?include_totals=true', admin);
    expect(all.body).toMatchObject({ start: 0, limit: 50, length: 1, total: 1, connections: [{ id: harness.connection.id }] });
    expect((await harness.call('get', '/connections?strategy=fitbit', admin)).body).toHaveLength(1);
    expect((await harness.call('get', '/connections?name=other', admin)).body).toEqual([]);
  });

  it('replaces the options on PATCH, as Auth0 does: options left out take their defaults; the omitted secret is kept while client_id is sent', async () => {
    const response = await harness.call('patch', `/connections/${harness.connection.id}`, admin, {
      options: { api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, scope: ['profile', 'sleep'], set_user_root_attributes: 'on_first_login' },
    });
    expect(response.status).toBe(200);

    const replaced = await harness.call('patch', `/connections/${harness.connection.id}`, admin, {
      options: { api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, scope: ['heartrate', 'profile'] },
    });

    expect(replaced.status).toBe(200);
    expect(replaced.body.options).toEqual({
      api: 'fitbit-legacy',
      client_id: DEMO.legacyServer.clientId,
      scope: ['heartrate', 'profile'],
      // Not merged from the previous PATCH: left out, so back to the default.
      set_user_root_attributes: 'on_each_login',
    });
    expect(await storedSecret()).toBe(DEMO.legacyServer.clientSecret);
  });

  it('stores a new client_secret sealed and never answers with it', async () => {
    const response = await harness.call('patch', `/connections/${harness.connection.id}`, admin, {
      options: { api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, client_secret: 'a-brand-new-upstream-secret' },
    });

    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain('a-brand-new-upstream-secret');
    expect(await storedSecret()).toBe('a-brand-new-upstream-secret');
    const stored = await harness.store.connections.get(harness.tenant.name, harness.connection.id);
    expect(JSON.stringify(stored)).not.toContain('a-brand-new-upstream-secret');
  });

  it('validates options with the plugin and names the bad option', async () => {
    const unknownScope = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { options: { scope: ['steps'] } });
    expect(unknownScope.status).toBe(400);
    expect(unknownScope.body).toMatchObject({ statusCode: 400, errorCode: 'invalid_body' });
    expect(unknownScope.body.message).toMatch(/on property options\.scope/);

    const badApi = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { options: { api: 'fitbit-v3' } });
    expect(badApi.body.message).toMatch(/on property options\.api/);

    const unknownOption = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { options: { secret: 'x' } });
    expect(unknownOption.body.message).toMatch(/Additional properties not allowed: secret/);
  });

  it('sets enabled_clients to existing clients only, naming the unknown one', async () => {
    const client = await harness.call('post', '/clients', await harness.tokenWith(['create:clients']), { name: 'App' });
    const clientId = client.body.client_id as string;

    const unknown = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { enabled_clients: [clientId, 'no-such-client'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/on property enabled_clients\.1/);

    const enabled = await harness.call('patch', `/connections/${harness.connection.id}`, admin, { enabled_clients: [clientId] });
    expect(enabled.status).toBe(200);
    expect(enabled.body.enabled_clients).toEqual([clientId]);
  });

  it('answers 404 inexistent_connection for an unknown id', async () => {
    const response = await harness.call('get', '/connections/con_nope', admin);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', errorCode: 'inexistent_connection' });
  });
});

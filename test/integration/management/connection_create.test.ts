import { beforeEach, describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { DEMO } from '../../support/emulator.js';
import { useManagementHarness } from './harness.js';

// POST /api/v2/connections, for the strategies fitgate's plugins serve (fitbit), in Auth0's shapes.

let creator: string;
let reader: string;
const harness = useManagementHarness('management-connection-create', async (started) => {
  creator = await started.tokenWith(['create:connections']);
  reader = await started.tokenWith(['read:connections', 'read:logs']);
});

const create = (body: object) => harness.call('post', '/connections', creator, body);

/** A tenant holds one connection per strategy: each test starts from a tenant with none. */
async function removeEveryConnection(): Promise<void> {
  for (const connection of await harness.store.connections.list(harness.tenant.name)) {
    await harness.store.connections.delete(harness.tenant.name, connection.id);
  }
}

describe('POST /api/v2/connections', () => {
  beforeEach(removeEveryConnection);

  it('creates a fitbit connection (201) answered as GET shows it, its client secret sealed and never in an answer', async () => {
    const { client } = await createClient(harness.store.clients, { tenant: harness.tenant.name, name: 'web app', appType: 'regular_web' });
    const response = await create({
      name: 'fitbit-research',
      strategy: 'fitbit',
      display_name: 'Fitbit (research)',
      metadata: { team: 'lab' },
      is_domain_connection: false,
      realms: ['fitbit-research'],
      enabled_clients: [client.clientId],
      options: { api: 'google-health', client_id: ' research.apps.googleusercontent.com\n', client_secret: 'research-secret', scope: ['activity', 'profile'] },
    });

    expect(response.status).toBe(201);
    const id = (response.body as { id: string }).id;
    expect(id).toMatch(/^con_/);
    expect(response.body).toEqual({
      id,
      name: 'fitbit-research',
      display_name: 'Fitbit (research)',
      strategy: 'fitbit',
      // Trimmed, as the dashboard's form stores it.
      options: { api: 'google-health', client_id: 'research.apps.googleusercontent.com', scope: ['activity', 'profile'], set_user_root_attributes: 'on_each_login' },
      enabled_clients: [client.clientId],
      realms: ['fitbit-research'],
      is_domain_connection: false,
      metadata: { team: 'lab' },
    });
    expect(JSON.stringify(response.body)).not.toContain('research-secret');
    expect((await harness.call('get', `/connections/${id}`, reader)).body).toEqual(response.body);
    const stored = await harness.store.connections.get(harness.tenant.name, id);
    expect(stored!.options.clientSecret).not.toBe('research-secret');
    expect(harness.deps[0]!.sealer.open(stored!.options.clientSecret!)).toBe('research-secret');
    // The event the dashboard's first save of a connection leaves too, and never the secret.
    const logs = await harness.call('get', '/logs?type=sapi&per_page=1', reader).expect(200);
    const event = (logs.body as Array<Record<string, unknown>>)[0];
    expect(event).toMatchObject({ description: 'Create a connection', details: { response: { statusCode: 201 }, connection_id: id } });
    expect(JSON.stringify(event)).not.toContain('research-secret');
  });

  it('gives options left out the plugin’s defaults, as a new connection gets in the dashboard (no credentials: sandbox)', async () => {
    const response = await create({ name: 'fitbit-defaults', strategy: 'fitbit' });

    expect(response.status).toBe(201);
    expect((response.body as { options: unknown }).options).toEqual({ api: 'google-health', scope: expect.any(Array), set_user_root_attributes: 'on_each_login' });
  });

  it('refuses a strategy no plugin serves with a 400 naming the ones fitgate creates', async () => {
    for (const strategy of ['auth0', 'google-oauth2']) {
      const response = await create({ name: `my-${strategy}`, strategy });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `Payload validation error: 'fitgate cannot create a connection of strategy "${strategy}": it creates connections of its plugins' strategies only (fitbit)' on property strategy.`,
        errorCode: 'invalid_body',
      });
    }
    expect(await harness.store.connections.getByName(harness.tenant.name, 'my-auth0')).toBeUndefined();
  });

  it('refuses, by the dashboard’s rules, options the plugin does not accept, and stores nothing', async () => {
    const secretWithoutId = await create({ name: 'fitbit-bad', strategy: 'fitbit', options: { api: 'google-health', client_secret: 'orphan' } });
    expect(secretWithoutId.status).toBe(400);
    expect((secretWithoutId.body as { message: string }).message).toMatch(/on property options\.client_id\.$/);

    const zeroWidth = await create({ name: 'fitbit-bad', strategy: 'fitbit', options: { api: 'google-health', client_id: 'abc\u200bdef', client_secret: 's' } });
    expect(zeroWidth.status).toBe(400);
    expect((zeroWidth.body as { message: string }).message).toContain('zero-width space');
    expect(await harness.store.connections.getByName(harness.tenant.name, 'fitbit-bad')).toBeUndefined();
  });

  it('refuses properties fitgate does not have by name, a realm other than the name, a name outside Auth0’s pattern and an unknown client', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'x1', strategy: 'fitbit', authentication: { active: true } }, "Payload validation error: 'Additional properties not allowed: authentication'."],
      [{ name: 'x2', strategy: 'fitbit', options: { upstream_params: {} } }, "Payload validation error: 'Additional properties not allowed: upstream_params' on property options."],
      [{ name: 'x3', strategy: 'fitbit', realms: ['other'] }, `Payload validation error: 'A fitgate connection has one realm, its name: ["x3"]' on property realms.`],
      [{ name: 'not a name', strategy: 'fitbit' }, "Payload validation error: 'String does not match pattern' on property name."],
      [{ strategy: 'fitbit' }, "Payload validation error: 'Missing required property: name'."],
      [{ name: 'x4', strategy: 'fitbit', enabled_clients: ['nope'] }, "Payload validation error: 'No client with id nope' on property enabled_clients.0."],
    ];
    for (const [body, message] of cases) {
      const response = await create(body);
      expect({ status: response.status, message: (response.body as { message: string }).message }).toEqual({ status: 400, message });
    }
  });

  it('answers 409 for a name the tenant already has, as Auth0 does', async () => {
    await create({ name: 'fitbit', strategy: 'fitbit' }).expect(201);
    const response = await create({ name: 'fitbit', strategy: 'fitbit', options: { api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId } });

    expect(response.status).toBe(409);
    expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'A connection with the same name already exists', errorCode: 'connection_conflict' });
  });

  it('answers 409 for a second connection of a strategy the tenant has, naming the one it has, and stores nothing', async () => {
    const first = await create({ name: 'fitbit-main', strategy: 'fitbit' }).expect(201);
    const response = await create({ name: 'fitbit-second', strategy: 'fitbit' });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', errorCode: 'connection_conflict' });
    expect((response.body as { message: string }).message).toContain(`"fitbit-main", ${(first.body as { id: string }).id}`);
    expect(await harness.store.connections.getByName(harness.tenant.name, 'fitbit-second')).toBeUndefined();
  });

  it('needs create:connections', async () => {
    const response = await harness.call('post', '/connections', reader, { name: 'fitbit-scope', strategy: 'fitbit' });
    expect(response.status).toBe(403);
    expect((response.body as { message: string }).message).toBe('Insufficient scope, expected any of: create:connections');
  });
});

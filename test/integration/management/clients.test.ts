import { describe, expect, it } from '@jest/globals';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-clients', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients', 'delete:clients']);
});

function exchangeClientCredentials(clientId: string, clientSecret: string) {
  return request(harness.apps[0]!)
    .post('/oauth/token')
    .set('Host', harness.host)
    .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, audience: managementApiAudience(`http://${harness.host}`) });
}

describe('/api/v2/clients', () => {
  it('creates a client in Auth0’s shape and shows its secret only in the creation answer', async () => {
    const created = await harness.call('post', '/clients', admin, {
      name: 'Web shop',
      app_type: 'regular_web',
      callbacks: ['https://shop.example/callback'],
      allowed_logout_urls: ['https://shop.example/'],
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Web shop',
      app_type: 'regular_web',
      token_endpoint_auth_method: 'client_secret_post',
      callbacks: ['https://shop.example/callback'],
      allowed_logout_urls: ['https://shop.example/'],
      grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    });
    expect(created.body.client_id).toEqual(expect.any(String));
    expect(created.body.client_secret).toEqual(expect.any(String));

    const read = await harness.call('get', `/clients/${created.body.client_id}`, admin);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('client_secret');
    expect(JSON.stringify(read.body)).not.toContain(created.body.client_secret);
  });

  it('gives a single-page application no secret', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'SPA', app_type: 'spa' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ token_endpoint_auth_method: 'none' });
    expect(created.body).not.toHaveProperty('client_secret');
  });

  it('answers 400 naming the bad field, and refuses unknown fields', async () => {
    const badUrl = await harness.call('post', '/clients', admin, { name: 'x', callbacks: ['not a url'] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body' });
    expect(badUrl.body.message).toMatch(/on property callbacks\.0/);

    const missingName = await harness.call('post', '/clients', admin, { app_type: 'spa' });
    expect(missingName.body.message).toBe("Payload validation error: 'Missing required property: name'.");

    const unknown = await harness.call('patch', '/clients/whatever', admin, { callback: ['https://x.example'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/Additional properties not allowed: callback/);
  });

  it('updates the given fields and keeps the others', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Before', callbacks: ['https://a.example/cb'] });
    const patched = await harness.call('patch', `/clients/${created.body.client_id}`, admin, { name: 'After' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'After', callbacks: ['https://a.example/cb'] });
    expect(patched.body).not.toHaveProperty('client_secret');
  });

  it('rotates the secret: the new one authenticates at /oauth/token and the old one no longer does', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Robot', app_type: 'non_interactive' });
    const { client_id: clientId, client_secret: oldSecret } = created.body as { client_id: string; client_secret: string };
    const client = await harness.store.clients.get(harness.tenant.name, clientId);
    await harness.store.clients.update({ ...client!, managementScopes: ['read:users'] });

    const rotated = await harness.call('post', `/clients/${clientId}/rotate-secret`, admin);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.client_secret as string;
    expect(newSecret).not.toBe(oldSecret);

    expect((await exchangeClientCredentials(clientId, newSecret)).status).toBe(200);
    expect((await exchangeClientCredentials(clientId, oldSecret)).status).toBe(401);
  });

  it('deletes a client and takes it out of every connection’s enabled_clients', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Doomed' });
    const clientId = created.body.client_id as string;
    await updateConnection(harness.store.connections, harness.tenant.name, harness.connection.id, (current) => ({ ...current, enabledClients: [clientId] }));

    expect((await harness.call('delete', `/clients/${clientId}`, admin)).status).toBe(204);
    expect((await harness.call('get', `/clients/${clientId}`, admin)).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_client' });
    expect((await harness.store.connections.get(harness.tenant.name, harness.connection.id))!.enabledClients).toEqual([]);
  });

  it('lists clients a page at a time, with totals on request', async () => {
    const all = await harness.call('get', '/clients?per_page=100', admin);
    const total = (all.body as unknown[]).length;
    const page = await harness.call('get', '/clients?page=1&per_page=2&include_totals=true', admin);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ start: 2, limit: 2, total, length: Math.min(2, total - 2) });
    expect(page.body.clients).toEqual((all.body as unknown[]).slice(2, 4));
  });
});

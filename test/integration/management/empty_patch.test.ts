import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { MANAGEMENT_ROUTES } from '../../../src/management/routes.js';
import { TENANT, useManagementHarness } from './harness.js';

/**
 * A PATCH that sends no property, `{}` or no body at all, is Auth0's 400 "Too few properties defined
 * (0), minimum 1" on every PATCH route whose body is an object, never a 200 that changed nothing;
 * the record is left as it was, and the refusal is logged as a failed API operation. A route whose
 * body is a list (PATCH /connections/{id}/clients) keeps its own answer for an object.
 */
const TOO_FEW = { statusCode: 400, error: 'Bad Request', message: "Payload validation error: 'Too few properties defined (0), minimum 1'.", errorCode: 'invalid_body' };

const ids: Record<string, string> = {};
let token = '';
const userId = 'fitbit|EMPTY1';

const harness = useManagementHarness('empty-patch', async (running) => {
  token = await running.tokenWith(MANAGEMENT_API_SCOPES);
  const { client } = await createClient(running.store.clients, { tenant: TENANT, name: 'Empty patch target', appType: 'regular_web' });
  const now = new Date().toISOString();
  await running.store.users.create({
    tenant: TENANT,
    userId,
    name: 'Kept Name',
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: 'EMPTY1', isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
    loginsCount: 1,
    createdAt: now,
    updatedAt: now,
  });
  const audience = managementApiAudience(`http://${running.host}`);
  const grant = await running.call('post', '/client-grants', token, { client_id: client.clientId, audience, scope: ['read:users'] }).expect(201);
  ids.client = client.clientId;
  ids.connection = running.connection.id;
  ids.user = userId;
  ids.grant = String((grant.body as { id?: string }).id ?? '');
});

/** The route's path with the ids of records the harness holds. */
function pathOf(path: string): string {
  const id = path.startsWith('/clients')
    ? ids.client
    : path.startsWith('/connections')
      ? ids.connection
      : path.startsWith('/client-grants')
        ? ids.grant
        : ids.user;
  return path.replace(':id', encodeURIComponent(id ?? ''));
}

/** Every record an empty PATCH could have touched, as stored now. */
async function everything(): Promise<string> {
  const { store } = harness;
  return JSON.stringify([
    await store.users.get(TENANT, userId),
    await store.clients.get(TENANT, ids.client!),
    await store.connections.get(TENANT, ids.connection!),
    await store.tenants.getStored(TENANT),
    (await harness.call('get', '/client-grants', token).expect(200)).body,
  ]);
}

const objectPatches = MANAGEMENT_ROUTES.filter((route) => route.method === 'patch' && route.body !== 'list').map((route) => route.path);

describe('a PATCH that sends no property', () => {
  it('covers every PATCH route of the table, the ones named in Auth0’s answer among them', () => {
    expect(objectPatches).toEqual(expect.arrayContaining(['/users/:id', '/clients/:id', '/connections/:id', '/client-grants/:id', '/tenants/settings']));
  });

  it.each(objectPatches)('is refused on PATCH %s with {}, the record left as it was', async (path) => {
    const before = await everything();
    const answer = await harness.call('patch', pathOf(path), token, {});
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(TOO_FEW);
    expect(await everything()).toBe(before);
  });

  it.each(objectPatches)('is refused on PATCH %s without any body', async (path) => {
    const before = await everything();
    const answer = await request(harness.apps[0]!).patch(`/api/v2${pathOf(path)}`).set('Host', harness.host).set('Authorization', `Bearer ${token}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(TOO_FEW);
    expect(await everything()).toBe(before);
  });

  it('is logged as a failed API operation, with the reason', async () => {
    await harness.call('patch', pathOf('/users/:id'), token, {}).expect(400);
    const { items } = await harness.store.logs.list(TENANT, { page: 0, perPage: 1, type: 'fapi' });
    expect(items[0]?.details).toMatchObject({ error: { errorCode: 'invalid_body', message: TOO_FEW.message } });
  });

  it('still takes a body of one property, an empty metadata object included, which removes the metadata', async () => {
    await harness.call('patch', pathOf('/users/:id'), token, { user_metadata: { theme: 'dark' } }).expect(200);
    const emptied = await harness.call('patch', pathOf('/users/:id'), token, { user_metadata: {} }).expect(200);
    expect(emptied.body).not.toHaveProperty('user_metadata');
    await harness.call('patch', pathOf('/tenants/settings'), token, { session_lifetime: 100 }).expect(200);
  });

  it('leaves the answer of a route whose body is a list as it was', async () => {
    const answer = await harness.call('patch', `/connections/${encodeURIComponent(ids.connection!)}/clients`, token, {});
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toBe("Payload validation error: 'Expected type array but found type object' on property body.");
  });
});

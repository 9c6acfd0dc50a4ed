import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { recordLogEvent } from '../../../src/domain/log_events.js';
import type { User } from '../../../src/domain/types.js';
import { useManagementHarness } from './harness.js';

// Auth0's narrower user scopes: update:users_app_metadata changes a user's app_metadata and
// user_metadata only, read:logs_users reads one user's logs only. Both can be granted, asked for in a
// token request, and let in where Auth0 lets them in, and nowhere else.

const USER = 'fitbit|NARROW1';
const userPath = `/users/${encodeURIComponent(USER)}`;
let metadataOnly: string;
let userLogsOnly: string;

const harness = useManagementHarness('management-narrow-scopes', async (started) => {
  const now = new Date().toISOString();
  const user: User = {
    tenant: started.tenant.name,
    userId: USER,
    name: 'Narrow Scope',
    appMetadata: { plan: 'trial' },
    identities: [],
    loginsCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await started.store.users.create(user);
  await recordLogEvent(started.store, { tenant: started.tenant.name, type: 's', date: new Date(), userId: USER });
  metadataOnly = await started.tokenWith(['update:users_app_metadata']);
  userLogsOnly = await started.tokenWith(['read:logs_users']);
});

const stored = () => harness.store.users.get(harness.tenant.name, USER);
const insufficient = (scopes: string) => ({ statusCode: 403, error: 'Forbidden', message: `Insufficient scope, expected any of: ${scopes}`, errorCode: 'insufficient_scope' });

describe('update:users_app_metadata', () => {
  it('is granted through a client grant and issued in a token that asks for it', async () => {
    const admin = await harness.tokenWith(['create:clients', 'create:client_grants']);
    const robot = await harness.call('post', '/clients', admin, { name: 'Narrow robot', app_type: 'non_interactive' }).expect(201);
    const audience = managementApiAudience(`http://${harness.host}`);
    const scope = ['update:users_app_metadata', 'read:logs_users'];
    await harness.call('post', '/client-grants', admin, { client_id: robot.body.client_id, audience, scope }).expect(201);

    const issued = await request(harness.apps[0]!)
      .post('/oauth/token')
      .set('Host', harness.host)
      .send({ grant_type: 'client_credentials', client_id: robot.body.client_id, client_secret: robot.body.client_secret, audience, scope: scope.join(' ') });
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('update:users_app_metadata read:logs_users');
  });

  it('patches app_metadata and user_metadata', async () => {
    const patched = await harness.call('patch', userPath, metadataOnly, { app_metadata: { plan: 'full' }, user_metadata: { theme: 'dark' } }).expect(200);
    expect(patched.body).toMatchObject({ user_id: USER, app_metadata: { plan: 'full' }, user_metadata: { theme: 'dark' } });
    expect(await stored()).toMatchObject({ appMetadata: { plan: 'full' }, userMetadata: { theme: 'dark' } });
  });

  it.each([
    ['blocked', { blocked: true }],
    ['a root attribute beside metadata', { name: 'Renamed', app_metadata: { plan: 'gold' } }],
    ['connection beside metadata', { connection: 'fitbit', user_metadata: { theme: 'light' } }],
  ])('answers 403 naming update:users to a body with %s, and changes nothing', async (_case, body) => {
    const before = await stored();
    const refused = await harness.call('patch', userPath, metadataOnly, body);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(insufficient('update:users'));
    expect(await stored()).toEqual(before);
  });

  it('reads and deletes nothing: a GET or DELETE of the user answers 403', async () => {
    expect((await harness.call('get', userPath, metadataOnly)).body).toEqual(insufficient('read:users,read:user_idp_tokens'));
    expect((await harness.call('delete', userPath, metadataOnly)).status).toBe(403);
    expect(await stored()).toBeDefined();
  });

  it('still lets update:users patch every field', async () => {
    const full = await harness.tokenWith(['update:users']);
    const patched = await harness.call('patch', userPath, full, { blocked: true, app_metadata: { plan: 'gold' } }).expect(200);
    expect(patched.body).toMatchObject({ blocked: true, app_metadata: { plan: 'gold' } });
  });
});

describe('read:logs_users', () => {
  it("reads one user's logs", async () => {
    const logs = await harness.call('get', `${userPath}/logs`, userLogsOnly).expect(200);
    expect(logs.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 's', user_id: USER })]));
  });

  it("answers 403 for the tenant's logs and a single event", async () => {
    expect((await harness.call('get', '/logs', userLogsOnly)).body).toEqual(insufficient('read:logs'));
    expect((await harness.call('get', '/logs/any-id', userLogsOnly)).status).toBe(403);
  });
});

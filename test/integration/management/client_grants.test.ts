import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { managementApiAudience } from '../../../src/domain/tenants.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

// A machine-to-machine application created through the API gets Management API tokens once a client
// grant authorises it, with exactly the grant's scopes.

let harness: ManagementHarness;
let admin: string;
let audience: string;

beforeAll(async () => {
  harness = await startManagementHarness('management-client-grants');
  admin = await harness.tokenWith(['create:clients', 'read:client_grants', 'create:client_grants', 'update:client_grants', 'delete:client_grants']);
  audience = managementApiAudience(`http://${harness.host}`);
});

afterAll(async () => {
  await harness.cleanup();
});

async function newRobot(): Promise<{ clientId: string; clientSecret: string }> {
  const created = await harness.call('post', '/clients', admin, { name: 'Robot', app_type: 'non_interactive' });
  return { clientId: created.body.client_id as string, clientSecret: created.body.client_secret as string };
}

function clientCredentials(robot: { clientId: string; clientSecret: string }) {
  return request(harness.apps[0]!)
    .post('/oauth/token')
    .set('Host', harness.host)
    .send({ grant_type: 'client_credentials', client_id: robot.clientId, client_secret: robot.clientSecret, audience });
}

describe('/api/v2/client-grants', () => {
  it('authorises a new machine-to-machine client for the Management API with the granted scopes', async () => {
    const robot = await newRobot();
    expect((await clientCredentials(robot)).status).toBe(403);

    const grant = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:users', 'read:logs'] });
    expect(grant.status).toBe(201);
    expect(grant.body).toEqual({ id: `cgr_${robot.clientId}`, client_id: robot.clientId, audience, scope: ['read:users', 'read:logs'] });

    const issued = await clientCredentials(robot);
    expect(issued.status).toBe(200);
    expect(issued.body.scope).toBe('read:users read:logs');
  });

  it('changes and removes a grant, and the tokens follow', async () => {
    const robot = await newRobot();
    const grant = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:users'] });

    const patched = await harness.call('patch', `/client-grants/${grant.body.id}`, admin, { scope: ['read:connections'] });
    expect(patched.body.scope).toEqual(['read:connections']);
    expect((await clientCredentials(robot)).body.scope).toBe('read:connections');

    expect((await harness.call('delete', `/client-grants/${grant.body.id}`, admin)).status).toBe(204);
    expect((await clientCredentials(robot)).status).toBe(403);
    expect((await harness.call('get', `/client-grants?client_id=${robot.clientId}`, admin)).body).toEqual([]);
  });

  it('narrows the tokens already issued when the grant is narrowed or removed', async () => {
    const robot = await newRobot();
    const grant = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:clients', 'read:connections'] });
    const token = (await clientCredentials(robot)).body.access_token as string;
    expect((await harness.call('get', '/clients', token)).status).toBe(200);

    await harness.call('patch', `/client-grants/${grant.body.id}`, admin, { scope: ['read:connections'] });
    const narrowed = await harness.call('get', '/clients', token);
    expect([narrowed.status, narrowed.body.errorCode]).toEqual([403, 'insufficient_scope']);
    expect((await harness.call('get', '/connections', token)).status).toBe(200);

    await harness.call('delete', `/client-grants/${grant.body.id}`, admin);
    expect((await harness.call('get', '/connections', token)).status).toBe(403);
  });

  it('lists grants, filtered by client or audience', async () => {
    const robot = await newRobot();
    await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:logs'] });

    expect((await harness.call('get', `/client-grants?client_id=${robot.clientId}`, admin)).body).toEqual([
      { id: `cgr_${robot.clientId}`, client_id: robot.clientId, audience, scope: ['read:logs'] },
    ]);
    expect((await harness.call('get', '/client-grants?audience=https%3A%2F%2Fother.example%2F', admin)).body).toEqual([]);
    const all = await harness.call('get', '/client-grants?include_totals=true', admin);
    expect(all.body.client_grants).toEqual(expect.arrayContaining([expect.objectContaining({ client_id: robot.clientId })]));
  });

  it('pages with take and next (checkpoint paging, as node-auth0 iterates) until no next is returned', async () => {
    for (let robot = 0; robot < 3; robot += 1) {
      await harness.call('post', '/client-grants', admin, { client_id: (await newRobot()).clientId, audience, scope: ['read:logs'] });
    }
    const all = ((await harness.call('get', '/client-grants?per_page=100', admin)).body as { id: string }[]).map((grant) => grant.id);
    expect(all.length).toBeGreaterThanOrEqual(4);

    const seen: string[] = [];
    let from: string | undefined;
    let pages = 0;
    do {
      // What node-auth0 7 sends: include_totals=true, take, and from = the previous next.
      const page = await harness.call('get', `/client-grants?include_totals=true&take=2${from ? `&from=${from}` : ''}`, admin).expect(200);
      expect(page.body).not.toHaveProperty('total');
      const grants = page.body.client_grants as { id: string }[];
      expect(grants.length).toBeLessThanOrEqual(2);
      seen.push(...grants.map((grant) => grant.id));
      from = page.body.next as string | undefined;
      pages += 1;
    } while (from && pages < 50);

    expect(seen).toEqual([...all].sort());
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('refuses a forged from, page beside take, and a parameter it does not know, naming each', async () => {
    for (const [query, property] of [
      ['from=%2A%2A', 'from'],
      ['take=2&page=1', 'page'],
      ['take=2&per_page=10', 'per_page'],
      ['take=101', 'take'],
    ] as const) {
      const refused = await harness.call('get', `/client-grants?${query}`, admin);
      expect({ query, status: refused.status, errorCode: refused.body.errorCode }).toEqual({ query, status: 400, errorCode: 'invalid_query_string' });
      expect(refused.body.message).toMatch(new RegExp(`on property ${property}\\.$`));
    }
    const unknown = await harness.call('get', '/client-grants?subject_type=user', admin);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe("Query validation error: 'Additional properties not allowed: subject_type'.");
  });

  it('keeps a grant narrowed to no scope, as Auth0 does: listed, its tokens carry no scope, and DELETE removes it', async () => {
    const robot = await newRobot();
    const grant = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:clients'] });

    const emptied = await harness.call('patch', `/client-grants/${grant.body.id}`, admin, { scope: [] });
    expect([emptied.status, emptied.body.scope]).toEqual([200, []]);
    expect((await harness.call('get', `/client-grants?client_id=${robot.clientId}`, admin)).body).toEqual([
      { id: grant.body.id, client_id: robot.clientId, audience, scope: [] },
    ]);
    const issued = await clientCredentials(robot);
    expect([issued.status, issued.body.scope]).toEqual([200, '']);
    expect((await harness.call('get', '/clients', issued.body.access_token as string)).status).toBe(403);

    expect((await harness.call('delete', `/client-grants/${grant.body.id}`, admin)).status).toBe(204);
    expect((await harness.call('get', `/client-grants?client_id=${robot.clientId}`, admin)).body).toEqual([]);
    expect((await clientCredentials(robot)).status).toBe(403);
  });

  it('refuses an unknown scope, another audience, a public client and a second grant, naming the problem', async () => {
    const robot = await newRobot();
    const unknownScope = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['root'] });
    expect(unknownScope.status).toBe(400);
    expect(unknownScope.body.message).toMatch(/on property scope\.0/);

    const otherApi = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience: 'https://api.example/', scope: ['read:users'] });
    expect(otherApi.body.message).toMatch(/on property audience/);

    const spa = await harness.call('post', '/clients', admin, { name: 'SPA', app_type: 'spa' });
    const publicClient = await harness.call('post', '/client-grants', admin, { client_id: spa.body.client_id, audience, scope: ['read:users'] });
    expect(publicClient.body.message).toMatch(/on property client_id/);

    await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:users'] });
    const second = await harness.call('post', '/client-grants', admin, { client_id: robot.clientId, audience, scope: ['read:logs'] });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ statusCode: 409, errorCode: 'client_grant_conflict' });
  });

  it('answers 404 for a grant that does not exist', async () => {
    const response = await harness.call('patch', '/client-grants/cgr_nobody', admin, { scope: ['read:users'] });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ errorCode: 'inexistent_client_grant' });
  });
});

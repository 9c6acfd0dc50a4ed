import { beforeAll, describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

/**
 * Every endpoint that takes `fields` answers a selection that would keep nothing (no name its records
 * have a property by) with a 400 naming it, rather than a list of empty records; passes over unknown
 * names that change nothing (scripts written for Auth0 name properties fitgate lacks); and takes
 * every property it answers with.
 */
let reader: string;
let clientId: string;
let userId: string;
const harness = useManagementHarness('management-fields-unknown', async (started) => {
  reader = await started.tokenWith(['read:clients', 'create:clients', 'read:connections', 'read:users', 'read:logs', 'read:tenant_settings']);
});

beforeAll(async () => {
  const created = await harness.call('post', '/clients', reader, { name: 'Fields', callbacks: ['https://app.example.com/cb'], description: 'd' }).expect(201);
  clientId = String(created.body.client_id);
  const at = new Date().toISOString();
  userId = 'fitbit|FIELDS1';
  await harness.store.users.create({
    tenant: harness.tenant.name,
    userId,
    email: 'fields@example.com',
    name: 'Fields',
    identities: [{ provider: 'fitbit', connection: harness.connection.name, userId: 'FIELDS1', isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
    loginsCount: 1,
    createdAt: at,
    updatedAt: at,
  });
});

const endpoints = (): [string, string][] => [
  ['GET /clients', '/clients'],
  ['GET /clients/{id}', `/clients/${encodeURIComponent(clientId)}`],
  ['GET /connections', '/connections'],
  ['GET /connections/{id}', `/connections/${harness.connection.id}`],
  ['GET /users', '/users'],
  ['GET /users/{id}', `/users/${encodeURIComponent(userId)}`],
  ['GET /users-by-email', '/users-by-email?email=nobody%40example.com'],
  ['GET /logs', '/logs'],
  ['GET /tenants/settings', '/tenants/settings'],
];

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

describe('fields naming no property', () => {
  it('is a 400 naming the field on every endpoint that takes fields', async () => {
    for (const [, path] of endpoints()) {
      const answer = await harness.call('get', withQuery(path, 'fields=bogus'), reader);
      expect({ path, status: answer.status, errorCode: answer.body.errorCode }).toEqual({ path, status: 400, errorCode: 'invalid_query_string' });
      expect(answer.body.message).toMatch(/^Query validation error: 'Unknown field bogus \(top-level properties only: .*\)' on property fields\.$/);
    }
  });

  it('passes over an unknown name beside a known one, or in a selection to leave out', async () => {
    const kept = await harness.call('get', `/clients/${encodeURIComponent(clientId)}?fields=name,global`, reader).expect(200);
    expect(kept.body).toEqual({ name: 'Fields' });
    const whole = await harness.call('get', `/clients/${encodeURIComponent(clientId)}?fields=global&include_fields=false`, reader).expect(200);
    expect(whole.body).toMatchObject({ client_id: clientId, name: 'Fields' });
  });

  it('takes every property an endpoint answers with', async () => {
    const [client, connection, user] = await Promise.all([
      harness.call('get', `/clients/${encodeURIComponent(clientId)}`, reader).expect(200),
      harness.call('get', `/connections/${harness.connection.id}`, reader).expect(200),
      harness.call('get', `/users/${encodeURIComponent(userId)}`, reader).expect(200),
    ]);
    const logs = await harness.call('get', '/logs', reader).expect(200);
    const settings = await harness.call('get', '/tenants/settings', reader).expect(200);
    const cases: [string, Record<string, unknown>][] = [
      [`/clients/${encodeURIComponent(clientId)}`, client.body],
      [`/connections/${harness.connection.id}`, connection.body],
      [`/users/${encodeURIComponent(userId)}`, user.body],
      ['/tenants/settings', settings.body],
      ...((logs.body as Record<string, unknown>[]).slice(0, 1).map((log) => ['/logs', log] as [string, Record<string, unknown>])),
    ];
    for (const [path, record] of cases) {
      const answer = await harness.call('get', withQuery(path, `fields=${Object.keys(record).join(',')}`), reader);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
  });
});

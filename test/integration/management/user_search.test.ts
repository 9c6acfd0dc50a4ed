import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { aFitbitUser } from '../../support/authn/records.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let reader: string;

/** A user of the tenant created `minute` minutes into 2026. */
function person(upstreamId: string, minute: number, overrides: Partial<User>): User {
  const at = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  return aFitbitUser(harness.tenant.name, upstreamId, { createdAt: at, updatedAt: at, ...overrides });
}

beforeAll(async () => {
  harness = await startManagementHarness('management-user-search');
  reader = await harness.tokenWith(['read:users']);
  await harness.store.users.create(person('ADA1', 1, { email: 'ada@example.com', name: 'Ada Lovelace' }));
  await harness.store.users.create(person('ALAN2', 2, { email: 'alan@example.com', name: 'Alan Turing', blocked: true }));
  await harness.store.users.create(person('GRACE3', 3, { email: 'grace@navy.example', name: 'Grace Hopper' }));
});

afterAll(async () => {
  await harness.cleanup();
});

const search = (q: string, extra = '') => harness.call('get', `/users?search_engine=v3&q=${encodeURIComponent(q)}${extra}`, reader);
const ids = (body: unknown) => (body as Array<{ user_id: string }>).map((user) => user.user_id);

describe('GET /api/v2/users with q in Auth0’s user-search syntax', () => {
  it('finds a user by exact email, by user id, and by a name prefix', async () => {
    expect(ids((await search('email:"alan@example.com"')).body)).toEqual(['fitbit|ALAN2']);
    expect(ids((await search('user_id:"fitbit|GRACE3"')).body)).toEqual(['fitbit|GRACE3']);
    expect(ids((await search('name:ada*')).body)).toEqual(['fitbit|ADA1']);
  });

  it('finds users by connection and blocked, joined by AND and OR', async () => {
    expect(ids((await search('identities.connection:"fitbit" AND blocked:true')).body)).toEqual(['fitbit|ALAN2']);
    expect(ids((await search('name:"Grace Hopper" OR blocked:true')).body).sort()).toEqual(['fitbit|ALAN2', 'fitbit|GRACE3']);
  });

  it('pages search results with totals', async () => {
    const page = await search('identities.connection:fitbit', '&per_page=2&page=1&include_totals=true');
    expect(page.body).toMatchObject({ start: 2, limit: 2, length: 1, total: 3 });
  });

  it('keeps a bare term as a prefix of email, name or user id', async () => {
    expect(ids((await search('gra')).body)).toEqual(['fitbit|GRACE3']);
  });

  it('answers 400 saying what is supported instead of an empty list', async () => {
    const refused = await search('app_metadata.plan:"full"');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ statusCode: 400, errorCode: 'invalid_query_string' });
    expect(refused.body.message).toMatch(/the field "app_metadata.plan" is not searchable\. Supported: email, name, user_id/);
    expect((await search('name:ada~')).status).toBe(400);
  });

  it('refuses a search engine other than v3', async () => {
    const refused = await harness.call('get', '/users?search_engine=v2&q=ada', reader);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/on property search_engine\.$/);
  });

  it('narrows users to the fields asked for, or leaves them out with include_fields=false', async () => {
    const only = await harness.call('get', '/users?fields=user_id,email', reader);
    expect(only.body).toContainEqual({ user_id: 'fitbit|ADA1', email: 'ada@example.com' });
    const one = await harness.call('get', `/users/${encodeURIComponent('fitbit|ADA1')}?fields=identities,created_at,updated_at&include_fields=false`, reader);
    expect(one.body).toEqual({ user_id: 'fitbit|ADA1', email: 'ada@example.com', name: 'Ada Lovelace', logins_count: 1 });
  });
});

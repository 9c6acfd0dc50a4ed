import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let reader: string;

beforeAll(async () => {
  harness = await startManagementHarness('management-users-by-email');
  reader = await harness.tokenWith(['read:users']);
  const now = new Date().toISOString();
  const base = { tenant: harness.tenant.name, identities: [], loginsCount: 0, createdAt: now, updatedAt: now };
  await harness.store.users.create({ ...base, userId: 'fitbit|ONE', email: 'Pat@Example.com', name: 'Pat One' });
  await harness.store.users.create({ ...base, userId: 'fitbit|TWO', email: 'Pat@Example.com', name: 'Pat Two' });
  await harness.store.users.create({ ...base, userId: 'fitbit|LOW', email: 'pat@example.com', name: 'Pat Lower' });
  await harness.store.users.create({ ...base, userId: 'fitbit|LONGER', email: 'Pat@Example.com.au', name: 'Pat Longer' });
});

afterAll(async () => {
  await harness.cleanup();
});

const byEmail = (query: string) => harness.call('get', `/users-by-email?${query}`, reader);

describe('GET /api/v2/users-by-email', () => {
  it('answers every user with exactly that email, as a bare array, case-sensitively as Auth0 does', async () => {
    const found = await byEmail(`email=${encodeURIComponent('Pat@Example.com')}`);
    expect(found.status).toBe(200);
    expect((found.body as Array<{ user_id: string }>).map((user) => user.user_id).sort()).toEqual(['fitbit|ONE', 'fitbit|TWO']);
    expect(found.body[0]).toMatchObject({ email: 'Pat@Example.com', identities: [] });
  });

  it('answers an empty array when no user has the email', async () => {
    expect((await byEmail('email=nobody%40example.com')).body).toEqual([]);
  });

  it('narrows each user to the fields asked for', async () => {
    const found = await byEmail(`email=${encodeURIComponent('pat@example.com')}&fields=user_id,name&include_fields=true`);
    expect(found.body).toEqual([{ user_id: 'fitbit|LOW', name: 'Pat Lower' }]);
  });

  it('needs the email parameter', async () => {
    const refused = await byEmail('');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/on property email\.$/);
  });

  it('needs read:users', async () => {
    const other = await harness.tokenWith(['read:logs']);
    expect((await harness.call('get', '/users-by-email?email=pat%40example.com', other)).status).toBe(403);
  });
});

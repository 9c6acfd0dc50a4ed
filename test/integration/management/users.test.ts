import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let reader: string;

function user(index: number, overrides: Partial<User> = {}): User {
  const at = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
  return {
    tenant: harness.tenant.name,
    userId: `fitbit|U${String(index).padStart(3, '0')}`,
    name: `Runner ${index}`,
    email: `runner${index}@example.com`,
    emailVerified: true,
    identities: [
      {
        provider: 'fitbit',
        connection: 'fitbit',
        userId: `U${String(index).padStart(3, '0')}`,
        isSocial: true,
        api: 'google-health',
        grantedScopes: ['activity'],
        tokens: { accessToken: harness.deps[0]!.sealer.seal(`upstream-access-${index}`), expiresAt: Date.now() + 3_600_000 },
        status: 'connected',
      },
    ],
    loginsCount: index,
    lastLogin: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

beforeAll(async () => {
  harness = await startManagementHarness('management-users');
  for (let index = 1; index <= 12; index += 1) await harness.store.users.create(user(index));
  await harness.store.users.create(user(99, { name: 'Zelda Marathon', email: 'zelda@example.org' }));
  reader = await harness.tokenWith(['read:users']);
});

afterAll(async () => {
  await harness.cleanup();
});

describe('/api/v2/users', () => {
  it('shows a user in Auth0’s shape, with identity status and without any token for a read:users token', async () => {
    const response = await harness.call('get', '/users/fitbit%7CU003', reader);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user_id: 'fitbit|U003',
      email: 'runner3@example.com',
      email_verified: true,
      name: 'Runner 3',
      identities: [
        { provider: 'fitbit', user_id: 'U003', connection: 'fitbit', isSocial: true, api: 'google-health', granted_scopes: ['activity'], status: 'connected' },
      ],
      created_at: '2026-01-01T00:03:00.000Z',
      updated_at: '2026-01-01T00:03:00.000Z',
      last_login: '2026-01-01T00:03:00.000Z',
      logins_count: 3,
    });
    expect(JSON.stringify(response.body)).not.toContain('upstream-access-3');
  });

  it('lists users newest first, a page at a time, with totals on request', async () => {
    const page = await harness.call('get', '/users?page=1&per_page=5&include_totals=true', reader);

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ start: 5, limit: 5, length: 5, total: 13 });
    expect((page.body.users as Array<{ user_id: string }>).map((listed) => listed.user_id)).toEqual([
      'fitbit|U008',
      'fitbit|U007',
      'fitbit|U006',
      'fitbit|U005',
      'fitbit|U004',
    ]);
    expect((await harness.call('get', '/users?per_page=5', reader)).body).toHaveLength(5);
    expect((await harness.call('get', '/users?page=9&per_page=5', reader)).body).toEqual([]);
  });

  it('takes sort=created_at:-1, the order it lists in, and answers 400 to any sort it cannot keep rather than ignore it', async () => {
    const listed = (response: { body: unknown }) => (response.body as Array<{ user_id: string }>).map((found) => found.user_id);
    const newestFirst = await harness.call('get', '/users?sort=created_at%3A-1&per_page=3', reader).expect(200);
    expect(listed(newestFirst)).toEqual(['fitbit|U099', 'fitbit|U012', 'fitbit|U011']);

    for (const sort of ['created_at:1', 'last_login:-1', 'email:1', 'created_at', 'created_at:asc']) {
      const refused = await harness.call('get', `/users?sort=${encodeURIComponent(sort)}`, reader);
      expect([sort, refused.status]).toEqual([sort, 400]);
      expect(refused.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_query_string' });
      expect(refused.body.message).toMatch(/^Query validation error: '.*Supported: created_at:-1 .*' on property sort\.$/);
    }

    const withSearch = await harness.call('get', `/users?q=runner&sort=${encodeURIComponent('created_at:-1')}`, reader);
    expect(withSearch.status).toBe(400);
    expect(withSearch.body.message).toMatch(/cannot be combined with q.*on property sort/);
  });

  it('searches users with q, a case-insensitive prefix of user id, email or name', async () => {
    const byName = await harness.call('get', '/users?q=Zelda%20M', reader);
    expect((byName.body as Array<{ user_id: string }>).map((found) => found.user_id)).toEqual(['fitbit|U099']);
    const byEmail = await harness.call('get', '/users?q=runner11%40', reader);
    expect((byEmail.body as Array<{ user_id: string }>).map((found) => found.user_id)).toEqual(['fitbit|U011']);
    const byId = await harness.call('get', '/users?q=fitbit%7Cu01&include_totals=true', reader);
    expect(byId.body).toMatchObject({ total: 3 });
  });

  it('refuses pagination outside Auth0’s limits, naming the parameter', async () => {
    const tooMany = await harness.call('get', '/users?per_page=101', reader);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ statusCode: 400, errorCode: 'invalid_query_string' });
    expect(tooMany.body.message).toMatch(/on property per_page/);

    const negative = await harness.call('get', '/users?page=-1', reader);
    expect(negative.body.message).toMatch(/on property page/);

    const totals = await harness.call('get', '/users?include_totals=yes', reader);
    expect(totals.body.message).toMatch(/on property include_totals/);
  });

  it('updates root attributes and answers 400 naming a bad one', async () => {
    const updater = await harness.tokenWith(['update:users']);
    const patched = await harness.call('patch', '/users/fitbit%7CU004', updater, { name: 'Renamed', email_verified: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ user_id: 'fitbit|U004', name: 'Renamed', email_verified: false, email: 'runner4@example.com' });
    expect((await harness.store.users.get(harness.tenant.name, 'fitbit|U004'))!.name).toBe('Renamed');

    const bad = await harness.call('patch', '/users/fitbit%7CU004', updater, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/on property email/);

    const readOnly = await harness.call('patch', '/users/fitbit%7CU004', updater, { logins_count: 0 });
    expect(readOnly.body.message).toMatch(/Additional properties not allowed: logins_count/);
  });

  it('takes a picture only at a web address, never a javascript: or data: URL', async () => {
    const updater = await harness.tokenWith(['update:users']);
    for (const picture of ['javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'ftp://pics.example/a.png']) {
      const refused = await harness.call('patch', '/users/fitbit%7CU005', updater, { picture });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/Must be an http or https URL.*on property picture/);
    }
    const kept = await harness.call('patch', '/users/fitbit%7CU005', updater, { picture: 'https://pics.example/runner5.png' });
    expect(kept.body).toMatchObject({ picture: 'https://pics.example/runner5.png' });
  });

  it('answers 404 inexistent_user for an unknown user', async () => {
    const response = await harness.call('get', '/users/fitbit%7CNOBODY', reader);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The user does not exist: fitbit|NOBODY', errorCode: 'inexistent_user' });
  });
});

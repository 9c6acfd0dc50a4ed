import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

let harness: ManagementHarness;
let token: string;
let userId: string;

beforeAll(async () => {
  harness = await startManagementHarness('management-query-bounds');
  token = await harness.tokenWith(MANAGEMENT_API_SCOPES.filter((scope) => scope.startsWith('read:')));
  userId = 'fitbit|BOUNDS1';
  const now = new Date().toISOString();
  await harness.store.users.create({ tenant: harness.tenant.name, userId, identities: [], loginsCount: 0, createdAt: now, updatedAt: now });
});

afterAll(async () => {
  await harness.cleanup();
});

const LISTS = ['/users', '/clients', '/logs', '/connections', '/client-grants', `/users/${encodeURIComponent('fitbit|BOUNDS1')}/logs`];
const TWENTY_DIGITS = '99999999999999999999';

/** Numeric query parameters out of range are a 400 naming the parameter on every list, never a 500. */
describe('numeric query parameters of the Management API', () => {
  it.each(LISTS)('answers 400 naming page for page=<20 digits> on %s', async (path) => {
    const response = await harness.call('get', `${path}?page=${TWENTY_DIGITS}`, token);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_query_string' });
    expect(response.body.message).toMatch(/on property page\.$/);
  });

  it.each([
    ['page', '-1'],
    ['page', '1e3'],
    ['page', '1000001'],
    ['per_page', '0'],
    ['per_page', '101'],
    ['per_page', TWENTY_DIGITS],
    ['take', '0'],
    ['take', '101'],
    ['take', TWENTY_DIGITS],
    ['from', '12345'],
  ])('answers 400 naming %s for %s on every list', async (name, value) => {
    for (const path of LISTS) {
      const response = await harness.call('get', `${path}?${name}=${value}`, token);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body.message).toMatch(new RegExp(`on property ${name}\\.$`));
    }
  });

  it('answers the largest allowed page with an empty list, and reads take as the page size', async () => {
    for (const path of LISTS) {
      const far = await harness.call('get', `${path}?page=1000000&per_page=100`, token);
      expect({ path, status: far.status, body: far.body }).toEqual({ path, status: 200, body: [] });
    }
    const taken = await harness.call('get', '/clients?take=1&include_totals=true', token);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ limit: 1, length: 1 });
  });

  it('answers a repeated page parameter with 400, not 500', async () => {
    const response = await harness.call('get', '/users?page=1&page=2', token);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/on property page\.$/);
  });
});

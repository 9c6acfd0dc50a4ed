import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

// What fitgate does not do answers in Auth0's JSON shape and says so, never with the app's page
// wording ("There is no page at ..."), which node-auth0 turns into a NotFoundError that reads like
// a missing record.

let admin: string;
const harness = useManagementHarness('management-unsupported', async (started) => {
  admin = await started.tokenWith(['read:users', 'update:users', 'delete:users', 'read:logs']);
});

describe('Management API endpoints fitgate does not implement', () => {
  it('answers POST /users with Auth0’s 400 for a connection that is not a database one, saying how fitgate users come to exist', async () => {
    const response = await harness.call('post', '/users', admin, { connection: 'fitbit', email: 'ada@example.com', password: 'Secret-123' });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message:
        "Connection does not support user creation through the API. It must either be a database or passwordless connection. fitgate's connections are all social (upstream) ones: a user is created the first time they log in through one.",
      errorCode: 'operation_not_supported',
    });
    expect(await harness.store.users.count(harness.tenant.name)).toBe(0);
    const logs = await harness.call('get', '/logs?type=fapi&per_page=1', admin).expect(200);
    expect((logs.body as Array<Record<string, unknown>>)[0]).toMatchObject({ description: 'Create a User', details: { response: { statusCode: 400 } } });
  });

  it.each([
    ['get', '/roles'],
    ['post', '/organizations'],
    ['put', '/users/fitbit%7CX'],
    ['get', '/connections/con_x/status'],
  ] as const)('answers %s %s with a 404 in Auth0’s shape saying fitgate does not support it', async (method, path) => {
    const response = await harness.call(method, path, admin, method === 'get' ? undefined : {});

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `fitgate does not support ${method.toUpperCase()} /api/v2${path}: it implements part of Auth0's Management API (its endpoints are listed in fitgate's docs/management-api.md).`,
      errorCode: 'unsupported_endpoint',
    });
  });

  it('still answers a stranger 401 first, revealing nothing about which endpoints exist', async () => {
    const response = await harness.call('get', '/roles', 'not-a-token');
    expect(response.status).toBe(401);
  });
});

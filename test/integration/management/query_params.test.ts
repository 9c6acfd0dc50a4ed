import { describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { MANAGEMENT_ROUTES } from '../../../src/management/routes.js';
import { useManagementHarness } from './harness.js';

// Generated from the route table: every endpoint, list, single read or write, refuses a query
// parameter it does not understand, naming it, before it reads or changes anything.

let holder: string;
const harness = useManagementHarness('management-query-params', async (started) => {
  holder = await started.tokenWith(MANAGEMENT_API_SCOPES);
});

const REFUSAL = {
  statusCode: 400,
  error: 'Bad Request',
  message: "Query validation error: 'Additional properties not allowed: per_pagee, sortt'.",
  errorCode: 'invalid_query_string',
};

describe('query parameters of the Management API', () => {
  it('are declared by the lists, by the single reads that take fields, and by the grant deletions that take user_id', () => {
    const declaring = MANAGEMENT_ROUTES.filter((route) => route.query !== undefined).map((route) => `${route.method} ${route.path}`);
    expect(declaring.sort()).toEqual(
      [
        'get /client-grants',
        'get /clients',
        'get /clients/:id',
        'get /connections',
        'get /connections/:id',
        'get /connections/:id/clients',
        'get /grants',
        'delete /grants',
        'delete /grants/:id',
        'get /keys/signing',
        'get /logs',
        'get /tenants/settings',
        'get /users',
        'get /users-by-email',
        'get /users/:id',
        'get /users/:id/logs',
      ].sort(),
    );
  });

  it.each(MANAGEMENT_ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s answers 400 naming each parameter it does not know',
    async (_name, route) => {
      const path = route.path.replace(/:(\w+)/g, (_match, name: string) => `no-such-${name}`);
      const response = await harness.call(route.method, `${path}?per_pagee=5&sortt=x`, holder, route.method === 'get' ? undefined : {});
      expect(response.status).toBe(400);
      expect(response.body).toEqual(REFUSAL);
    },
  );

  it.each([
    ['users', '/users/no-such-user'],
    ['clients', '/clients/no-such-client'],
    ['connections', '/connections/no-such-connection'],
  ])('a single read of %s still understands fields and include_fields', async (_name, path) => {
    const response = await harness.call('get', `${path}?fields=name&include_fields=true`, holder);
    expect(response.status).toBe(404);
  });
});

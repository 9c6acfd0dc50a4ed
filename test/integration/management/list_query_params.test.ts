import { describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { MANAGEMENT_ROUTES } from '../../../src/management/routes.js';
import { useManagementHarness } from './harness.js';

// Generated from the route table: every list that declares the query parameters it understands
// refuses any other one, naming it, before it reads anything.

let reader: string;
const harness = useManagementHarness('management-list-query-params', async (started) => {
  reader = await started.tokenWith(MANAGEMENT_API_SCOPES.filter((scope) => scope.startsWith('read:')));
});

const declaring = MANAGEMENT_ROUTES.filter((route) => route.query !== undefined);

describe('query parameters of the Management API lists', () => {
  it('are declared by the lists of clients, grants, connections, enabled clients, logs, signing keys and users', () => {
    expect(declaring.map((route) => route.path).sort()).toEqual(
      ['/client-grants', '/clients', '/connections', '/connections/:id/clients', '/keys/signing', '/logs', '/users', '/users-by-email', '/users/:id/logs'].sort(),
    );
  });

  it.each(declaring.map((route) => [route.path, route] as const))('%s answers 400 naming each parameter it does not know', async (_path, route) => {
    const path = route.path.replace(/:(\w+)/g, (_match, name: string) => `no-such-${name}`);
    const response = await harness.call('get', `${path}?per_pagee=5&sortt=x`, reader);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: "Query validation error: 'Additional properties not allowed: per_pagee, sortt'.",
      errorCode: 'invalid_query_string',
    });
  });
});

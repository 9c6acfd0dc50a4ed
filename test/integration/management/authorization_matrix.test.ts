import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { MANAGEMENT_ROUTES } from '../../../src/management/routes.js';
import type { ManagementRoute } from '../../../src/management/route.js';
import { OTHER_TENANT, startManagementHarness, type ManagementHarness } from './harness.js';

// Generated from the route table the router is built from: a new endpoint is covered by adding it.

let harness: ManagementHarness;
const tokens = new Map<string, Promise<string>>();

function tokenFor(scopes: readonly string[], tenant?: string): Promise<string> {
  const key = `${tenant ?? ''}|${scopes.join(' ')}`;
  let token = tokens.get(key);
  if (!token) {
    token = harness.tokenWith(scopes, tenant);
    tokens.set(key, token);
  }
  return token;
}

/** A concrete path for a route: every parameter gets a value no record has. */
function samplePath(route: ManagementRoute): string {
  return `/api/v2${route.path.replace(/:(\w+)/g, (_match, name: string) => `no-such-${name}`)}`;
}

function call(route: ManagementRoute, token?: string, host = harness.host) {
  const pending = request(harness.apps[0]!)[route.method](samplePath(route)).set('Host', host);
  if (token) pending.set('Authorization', `Bearer ${token}`);
  return route.method === 'get' || route.method === 'delete' ? pending : pending.send({});
}

beforeAll(async () => {
  harness = await startManagementHarness('authorization-matrix');
});

afterAll(async () => {
  await harness.cleanup();
});

describe('the Management API route table', () => {
  it('declares each method and path once', () => {
    const keys = MANAGEMENT_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers 404 in Auth0 shape for a path outside the table, even with every scope', async () => {
    const response = await request(harness.apps[0]!)
      .get('/api/v2/rules')
      .set('Host', harness.host)
      .set('Authorization', `Bearer ${await tokenFor(MANAGEMENT_API_SCOPES)}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});

describe.each(MANAGEMENT_ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s', (_title, route) => {
  it('answers 401 without a token', async () => {
    const response = await call(route);
    expect(response.status).toBe(401);
    // Auth0's exact message: scripts compare it (the detail is in fitgate's log only).
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Missing authentication', errorCode: 'missing_authentication' });
  });

  it('answers 401 to an expired token that would otherwise have every scope', async () => {
    const response = await call(route, await harness.expiredToken(MANAGEMENT_API_SCOPES));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, errorCode: 'token_expired', message: 'Expired token received for JSON Web Token validation' });
  });

  it("answers 401 to another tenant's token with every scope", async () => {
    const response = await call(route, await tokenFor(MANAGEMENT_API_SCOPES, OTHER_TENANT));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, errorCode: 'invalid_token', message: 'Invalid token' });
  });

  it('answers 403 insufficient_scope naming its scopes to a token with every other scope', async () => {
    const others = MANAGEMENT_API_SCOPES.filter((scope) => !route.scopes.includes(scope));
    const response = await call(route, await tokenFor(others));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: `Insufficient scope, expected any of: ${route.scopes.join(',')}`,
      errorCode: 'insufficient_scope',
    });
  });

  it.each(route.scopes.map((scope) => [scope]))('lets a token holding only %s past authorisation', async (scope) => {
    const response = await call(route, await tokenFor([scope]));
    expect([401, 403]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
  });
});

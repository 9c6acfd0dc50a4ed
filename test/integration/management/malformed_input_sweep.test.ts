import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import type { User } from '../../../src/domain/types.js';
import { MANAGEMENT_ROUTES } from '../../../src/management/routes.js';
import {
  HOSTILE_IDS,
  OTHER_METHODS,
  SWEEP_TIMEOUT_MS,
  hostileAuthorizations,
  hostileBodies,
  hostileFieldBodies,
  hostileHeaderSets,
  hostileQueries,
  listen,
  sweep,
  type HostileRequest,
  type Listening,
} from '../http/hostile_requests.js';
import { TENANT, useManagementHarness } from './harness.js';

/**
 * An attacker's malformed input, sent to every /api/v2 route with a token that passes the gate, so
 * each reaches its handler: every answer is under 500, shows no stack or server path, and is
 * Auth0's error JSON {statusCode, error, message, errorCode}; afterwards the server still answers and
 * the records it held are all there. The key-rotation writes are left out of the token (each would
 * generate an RSA key): their requests meet the scope check, answered in the same format.
 */

/** The JSON fields each writing route reads, by path. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  '/clients': ['name', 'description', 'app_type', 'callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins', 'grant_types', 'token_endpoint_auth_method', 'client_metadata', 'oidc_logout', 'is_first_party', 'refresh_token', 'jwt_configuration'],
  '/clients/:id': ['name', 'description', 'app_type', 'callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins', 'grant_types', 'token_endpoint_auth_method', 'client_metadata', 'oidc_logout', 'refresh_token'],
  '/client-grants': ['client_id', 'audience', 'scope'],
  '/client-grants/:id': ['scope'],
  '/connections': ['name', 'strategy', 'options', 'enabled_clients', 'display_name'],
  '/connections/:id': ['options', 'enabled_clients', 'display_name', 'metadata'],
  '/connections/:id/clients': ['client_id', 'status'],
  '/users': ['user_id', 'connection', 'email', 'name', 'user_metadata', 'app_metadata'],
  '/users/:id': ['name', 'nickname', 'given_name', 'family_name', 'picture', 'email', 'blocked', 'user_metadata', 'app_metadata', 'connection'],
  '/tenants/settings': ['friendly_name', 'allowed_logout_urls', 'session_lifetime', 'idle_session_lifetime', 'default_redirection_uri', 'flags', 'support_email'],
};

/** Valid fields that a creating route needs, so a hostile one beside them reaches its own check. */
const BASES: Readonly<Record<string, Record<string, string>>> = {
  '/clients': { name: 'sweep app', app_type: 'non_interactive' },
  '/connections': { name: 'sweep-connection', strategy: 'fitbit' },
  '/client-grants': { audience: 'https://sweep.example/api/v2/', scope: 'read:users' },
};

const SKIPPED_SCOPES = new Set(['create:signing_keys', 'update:signing_keys']);

describe('the Management API under malformed input', () => {
  let token = '';
  const ids: Record<string, string> = {};
  const user: User = {
    tenant: TENANT,
    userId: 'fitbit|SWEEP1',
    name: 'Sweep User',
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: 'SWEEP1', isSocial: true, api: 'fitbit-legacy', grantedScopes: ['activity'], status: 'connected' }],
    loginsCount: 1,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  const harness = useManagementHarness('malformed-sweep', async (running) => {
    token = await running.tokenWith(MANAGEMENT_API_SCOPES.filter((scope) => !SKIPPED_SCOPES.has(scope)));
    const { client } = await createClient(running.store.clients, { tenant: TENANT, name: 'sweep target', appType: 'regular_web', callbacks: ['https://app.example/callback'] });
    await running.store.users.create(user);
    const grants = await running.call('get', '/client-grants', token);
    ids.client = client.clientId;
    ids.connection = running.connection.id;
    ids.user = user.userId;
    ids.grant = (grants.body as { id: string }[])[0]?.id ?? 'cgr_none';
    ids.kid = running.tenant.signingKeys[0]!.kid;
  });
  let server: Listening;
  beforeAll(async () => {
    server = await listen(harness.apps[0]!);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The route's path with real ids, or (for a delete, which would lose them) ids nobody holds. */
  function realPath(route: (typeof MANAGEMENT_ROUTES)[number], hostile?: { param: string; id: string }): string {
    const real: Record<string, string> = route.path.startsWith('/clients')
      ? { id: ids.client! }
      : route.path.startsWith('/client-grants')
        ? { id: ids.grant! }
        : route.path.startsWith('/connections')
          ? { id: ids.connection! }
          : route.path.startsWith('/keys')
            ? { kid: ids.kid! }
            : { id: ids.user!, provider: 'fitbit', user_id: 'SWEEP1' };
    const path = route.path.replace(/:(\w+)/g, (_match, param: string) => {
      if (hostile?.param === param) return hostile.id;
      return route.method === 'delete' ? 'sweep-nobody' : encodeURIComponent(real[param] ?? 'sweep-nobody');
    });
    return `/api/v2${path}`;
  }

  const base = (): Record<string, string> => ({ host: harness.host, authorization: `Bearer ${token}` });

  const sweepAll = (requests: HostileRequest[]) => sweep(server, requests, 'management');

  it('answers hostile query parameters on every route in its error format, never a 500', async () => {
    const requests = MANAGEMENT_ROUTES.flatMap((route) =>
      (route.query?.length ? route.query : ['a']).flatMap((name) =>
        hostileQueries(name).map(({ label, query }) => ({ label, method: route.method.toUpperCase(), path: `${realPath(route)}?${query}`, headers: base() })),
      ),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers hostile ids in every path parameter', async () => {
    const requests = MANAGEMENT_ROUTES.flatMap((route) =>
      [...route.path.matchAll(/:(\w+)/g)].flatMap(([, param]) =>
        HOSTILE_IDS.map(({ label, id }) => ({ label: `${param} ${label}`, method: route.method.toUpperCase(), path: realPath(route, { param: param!, id }), headers: base() })),
      ),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers malformed, mistyped and oversized bodies on every route', async () => {
    const requests = MANAGEMENT_ROUTES.flatMap((route) =>
      hostileBodies().map(({ label, type, body }) => ({ label, method: route.method.toUpperCase(), path: realPath(route), headers: { ...base(), 'content-type': type }, body })),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers fields of the wrong type, size or shape on every writing route', async () => {
    const requests = MANAGEMENT_ROUTES.filter((route) => route.method !== 'get' && route.method !== 'delete').flatMap((route) =>
      (FIELDS[route.path] ?? []).flatMap((field) =>
        hostileFieldBodies(field, BASES[route.path]).map(({ label, type, body }) => ({
          label,
          method: route.method.toUpperCase(),
          path: realPath(route),
          headers: { ...base(), 'content-type': type },
          body,
        })),
      ),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers every method a path does not take, HEAD and OPTIONS, and paths nobody serves', async () => {
    const served = new Map<string, Set<string>>();
    for (const route of MANAGEMENT_ROUTES) served.set(route.path, new Set([...(served.get(route.path) ?? []), route.method.toUpperCase()]));
    const paths = [...served].map(([path, methods]) => ({ path: realPath(MANAGEMENT_ROUTES.find((route) => route.path === path)!), methods }));
    paths.push(...['/api/v2', '/api/v2/', '/api/v2/nothing/here', '/api/v2/clients/a/b/c/d'].map((path) => ({ path, methods: new Set<string>() })));
    const requests = paths.flatMap(({ path, methods }) =>
      OTHER_METHODS.filter((method) => !methods.has(method) || method === 'HEAD').map((method) => ({ label: 'method', method, path, headers: base() })),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers missing, garbage and doubled Authorization headers', async () => {
    const requests = MANAGEMENT_ROUTES.flatMap((route) =>
      hostileAuthorizations(`Bearer ${token}`).map(({ label, headers }) => ({ label, method: route.method.toUpperCase(), path: realPath(route), headers: { host: harness.host, ...headers } })),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers garbage cookies and Host headers', async () => {
    const requests = MANAGEMENT_ROUTES.flatMap((route) =>
      hostileHeaderSets(harness.host).map(({ label, headers }) => ({ label, method: route.method.toUpperCase(), path: realPath(route), headers: { authorization: `Bearer ${token}`, ...headers } })),
    );
    expect(await sweepAll(requests)).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('still answers afterwards, with every record it held and no polluted prototype', async () => {
    const live = await server.send({ label: 'live', method: 'GET', path: '/health/live', headers: { host: harness.host } });
    expect(live.status).toBe(200);
    expect(await harness.store.clients.getStored(TENANT, ids.client!)).toBeDefined();
    expect(await harness.store.connections.getStored(TENANT, ids.connection!)).toBeDefined();
    expect((await harness.store.users.get(TENANT, ids.user!))?.name).toBeDefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, SWEEP_TIMEOUT_MS);
});

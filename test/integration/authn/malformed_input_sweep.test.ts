import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../../src/domain/clients.js';
import { MANAGEMENT_API_SCOPES } from '../../../src/domain/management_scopes.js';
import { managementApiAudience, tenantUrl } from '../../../src/domain/tenants.js';
import {
  OTHER_METHODS,
  SWEEP_TIMEOUT_MS,
  hostileAuthorizations,
  hostileBodies,
  hostileFieldBodies,
  hostileHeaderSets,
  hostileQueries,
  listen,
  sweep,
  type ErrorFamily,
  type HostileRequest,
  type Listening,
} from '../http/hostile_requests.js';
import { TENANT, useManagementHarness } from '../management/harness.js';

/**
 * An attacker's malformed input, sent to every route of the Authentication API with a real client's
 * valid parameters beside the hostile one, so each reaches the check of the parameter it abuses:
 * every answer is under 500, shows no stack or server path, and is an OAuth error (back channel) or
 * a page (the browser's /authorize, /login/callback and logout); afterwards the server still answers.
 */

interface AuthnRoute {
  method: 'GET' | 'POST';
  path: string;
  family: ErrorFamily;
  /** The parameters it reads, abused one at a time (in the query for GET, the body for POST). */
  params: readonly string[];
}

const ROUTES: readonly AuthnRoute[] = [
  {
    method: 'GET',
    path: '/authorize',
    family: 'html',
    params: ['client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'connection', 'prompt', 'audience', 'login_hint', 'max_age'],
  },
  { method: 'POST', path: '/authorize', family: 'html', params: ['client_id', 'redirect_uri', 'response_type', 'response_mode', 'scope', 'state'] },
  { method: 'GET', path: '/login/callback', family: 'html', params: ['state', 'code', 'error', 'error_description', 'iss', 'scope'] },
  {
    method: 'POST',
    path: '/oauth/token',
    family: 'oauth',
    params: ['grant_type', 'client_id', 'client_secret', 'audience', 'scope', 'code', 'redirect_uri', 'code_verifier', 'refresh_token', 'subject_token', 'subject_token_type', 'requested_token_type', 'connection'],
  },
  { method: 'POST', path: '/oauth/revoke', family: 'oauth', params: ['token', 'token_type_hint', 'client_id', 'client_secret'] },
  { method: 'GET', path: '/userinfo', family: 'oauth', params: ['access_token'] },
  { method: 'POST', path: '/userinfo', family: 'oauth', params: ['access_token'] },
  { method: 'GET', path: '/v2/logout', family: 'negotiated', params: ['client_id', 'returnTo', 'federated'] },
  { method: 'GET', path: '/oidc/logout', family: 'negotiated', params: ['client_id', 'post_logout_redirect_uri', 'id_token_hint', 'state', 'logout_hint', 'ui_locales'] },
  { method: 'POST', path: '/oidc/logout', family: 'html', params: ['client_id', 'post_logout_redirect_uri', 'id_token_hint', 'state', 'logout_hint'] },
  { method: 'GET', path: '/.well-known/openid-configuration', family: 'oauth', params: [] },
  { method: 'GET', path: '/.well-known/jwks.json', family: 'oauth', params: [] },
  { method: 'GET', path: '/pem', family: 'oauth', params: [] },
  { method: 'GET', path: '/cer', family: 'oauth', params: [] },
];

describe('the Authentication API under malformed input', () => {
  const valid: Record<string, Record<string, string>> = {};
  let basic = '';
  const harness = useManagementHarness('authn-malformed-sweep', async (running) => {
    const callback = 'https://app.example/callback';
    const { client, clientSecret } = await createClient(running.store.clients, {
      tenant: TENANT,
      name: 'sweep web app',
      appType: 'regular_web',
      callbacks: [callback],
      allowedLogoutUrls: ['https://app.example/'],
      managementScopes: [...MANAGEMENT_API_SCOPES],
    });
    await running.store.connections.update({ ...running.connection, enabledClients: [client.clientId] });
    const credentials = { client_id: client.clientId, client_secret: clientSecret! };
    const authorize = { client_id: client.clientId, redirect_uri: callback, response_type: 'code', scope: 'openid profile', state: 'sweep-state', nonce: 'sweep-nonce' };
    valid['GET /authorize'] = authorize;
    valid['POST /authorize'] = authorize;
    valid['GET /login/callback'] = { state: 'sweep-state', code: 'sweep-code' };
    valid['POST /oauth/token'] = { grant_type: 'client_credentials', ...credentials, audience: managementApiAudience(tenantUrl(running.deps[0]!.config, TENANT)) };
    valid['POST /oauth/revoke'] = { ...credentials, token: 'sweep-refresh-token' };
    valid['GET /v2/logout'] = { client_id: client.clientId, returnTo: 'https://app.example/' };
    valid['GET /oidc/logout'] = { client_id: client.clientId, post_logout_redirect_uri: 'https://app.example/', state: 's' };
    valid['POST /oidc/logout'] = valid['GET /oidc/logout'];
    basic = `Basic ${Buffer.from(`${client.clientId}:${clientSecret!}`).toString('base64')}`;
  });
  let server: Listening;
  beforeAll(async () => {
    server = await listen(harness.apps[0]!);
  });
  afterAll(async () => {
    await server?.close();
  });

  const baseOf = (route: AuthnRoute): Record<string, string> => valid[`${route.method} ${route.path}`] ?? {};
  const browser = (): Record<string, string> => ({ host: harness.host, accept: 'text/html' });

  /** The route with its valid parameters (in the query for GET, as a form for POST). */
  function plain(route: AuthnRoute, label: string): HostileRequest {
    const params = new URLSearchParams(baseOf(route)).toString();
    if (route.method === 'GET') return { label, method: 'GET', path: params ? `${route.path}?${params}` : route.path, headers: browser(), family: route.family };
    return { label, method: 'POST', path: route.path, headers: { ...browser(), 'content-type': 'application/x-www-form-urlencoded' }, body: params, family: route.family };
  }

  it('answers hostile query parameters on every route in its error format, never a 500', async () => {
    const requests = ROUTES.flatMap((route) =>
      (route.method === 'GET' && route.params.length > 0 ? route.params : ['a']).flatMap((name) =>
        hostileQueries(name, route.method === 'GET' ? baseOf(route) : {}).map(({ label, query }) => ({
          ...plain(route, label),
          path: `${route.path}?${query}`,
        })),
      ),
    );
    expect(await sweep(server, requests, 'oauth')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers malformed, mistyped and oversized bodies on every route', async () => {
    const requests = ROUTES.flatMap((route) =>
      hostileBodies().map(({ label, type, body }) => ({ ...plain(route, label), method: 'POST', headers: { ...browser(), 'content-type': type }, body })),
    );
    expect(await sweep(server, requests, 'oauth')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers every parameter of a posted form or JSON body given the wrong type, size or shape', async () => {
    const requests = ROUTES.filter((route) => route.method === 'POST').flatMap((route) =>
      route.params.flatMap((field) =>
        hostileFieldBodies(field, baseOf(route)).map(({ label, type, body }) => ({ ...plain(route, label), headers: { ...browser(), 'content-type': type }, body })),
      ),
    );
    expect(await sweep(server, requests, 'oauth')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers every other method, HEAD and OPTIONS on every path', async () => {
    const paths = [...new Set(ROUTES.map((route) => route.path)), '/oauth', '/.well-known/', '/.well-known/nothing', '/v2/logout/extra'];
    const requests = paths.flatMap((path) =>
      OTHER_METHODS.map((method) => ({ label: 'method', method, path, headers: { host: harness.host }, family: ROUTES.find((route) => route.path === path)?.family ?? 'negotiated' })),
    );
    expect(await sweep(server, requests, 'oauth')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers missing, garbage and doubled Authorization headers, Basic or Bearer', async () => {
    const requests = ROUTES.flatMap((route) => [
      ...hostileAuthorizations(basic).map(({ label, headers }) => ({ ...plain(route, label), headers: { ...plain(route, label).headers, ...headers } })),
      ...hostileAuthorizations(basic).map(({ label, headers }) => ({
        ...plain(route, `${label}, grant only`),
        method: 'POST',
        headers: { ...browser(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'grant_type=client_credentials&token=x',
      })),
    ]);
    expect(await sweep(server, requests, 'oauth')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers garbage cookies and Host headers', async () => {
    const requests = ROUTES.flatMap((route) =>
      hostileHeaderSets(harness.host).map(({ label, headers }) => ({ ...plain(route, label), headers: { ...plain(route, label).headers, ...headers } })),
    );
    expect(await sweep(server, requests, 'oauth')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('still answers afterwards', async () => {
    const live = await server.send({ label: 'live', method: 'GET', path: '/health/live', headers: { host: harness.host } });
    expect(live.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, SWEEP_TIMEOUT_MS);
});

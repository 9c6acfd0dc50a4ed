import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import type { User } from '../../../src/domain/types.js';
import { connectionRecord } from '../../support/connection_record.js';
import {
  FORM_TYPE,
  HOSTILE_IDS,
  OTHER_METHODS,
  SWEEP_TIMEOUT_MS,
  hostileBodies,
  hostileFieldBodies,
  hostileHeaderSets,
  hostileQueries,
  listen,
  sweep,
  type Answer,
  type HostileRequest,
  type Listening,
} from '../http/hostile_requests.js';
import { HOST, csrfTokenOf, startDashboardHarness, type DashboardHarness, type SeededAdmin } from './dashboard_harness.js';

/**
 * An attacker's malformed input, sent to every dashboard route by a signed-in admin whose forms
 * carry the session's CSRF token (so each reaches its handler), and to the routes around it: the
 * sandbox's emulators, health, the tenant's home page. Every answer is under 500 and shows no stack
 * or server path, and a dashboard error is a page; afterwards the server still answers and the
 * records it held are all there. Forms that would sign the admin out, rotate a signing key or create
 * a tenant (an RSA key each) go without the token: they meet the CSRF check, answered with a page.
 */

interface PageRoute {
  method: 'GET' | 'POST';
  /** Below /manage, with `:name` for each id. */
  path: string;
  /** The fields (or for GET, query parameters) it reads. */
  params: readonly string[];
  /** Posted without the CSRF token: see above. */
  withoutToken?: boolean;
}

const T = '/t/:tenant';
const ROUTES: readonly PageRoute[] = [
  { method: 'GET', path: '/login', params: ['next', 'signed_out', 'account_removed'] },
  { method: 'POST', path: '/login', params: ['email', 'password', 'next', '_csrf'] },
  { method: 'POST', path: '/logout', params: [], withoutToken: true },
  { method: 'GET', path: '/set-password/:ticket', params: [] },
  { method: 'POST', path: '/set-password/:ticket', params: ['password', 'confirm', '_csrf'] },
  { method: 'GET', path: '/try/callback', params: ['state', 'code', 'error', 'error_description'] },
  { method: 'GET', path: '/', params: [] },
  { method: 'GET', path: '/switch', params: ['tenant'] },
  { method: 'GET', path: '/tenants', params: [] },
  { method: 'POST', path: '/tenants', params: ['name'], withoutToken: true },
  { method: 'GET', path: '/account', params: ['changed'] },
  { method: 'POST', path: '/account', params: ['current_password', 'new_password', 'confirm_password', '_csrf'] },
  { method: 'GET', path: `${T}`, params: ['created'] },
  { method: 'GET', path: `${T}/applications`, params: ['page', 'deleted'] },
  { method: 'GET', path: `${T}/applications/new`, params: [] },
  { method: 'POST', path: `${T}/applications`, params: ['name', 'app_type', '_csrf'] },
  { method: 'GET', path: `${T}/applications/:clientId`, params: ['saved', 'connection_changed', 'management_api'] },
  { method: 'POST', path: `${T}/applications/:clientId`, params: ['name', 'description', 'callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins', 'grant_types', 'backchannel_logout_urls', '_csrf'] },
  { method: 'GET', path: `${T}/applications/:clientId/credentials`, params: [] },
  { method: 'GET', path: `${T}/applications/:clientId/rotate-secret`, params: [] },
  { method: 'POST', path: `${T}/applications/:clientId/rotate-secret`, params: ['_csrf'] },
  { method: 'GET', path: `${T}/applications/:clientId/delete`, params: [] },
  { method: 'POST', path: `${T}/applications/:missingClientId/delete`, params: ['_csrf'] },
  { method: 'POST', path: `${T}/applications/:clientId/connections/:connectionId`, params: ['enabled', 'page', '_csrf'] },
  { method: 'GET', path: `${T}/applications/:clientId/connections/:connectionId/turn-off`, params: [] },
  { method: 'POST', path: `${T}/applications/:clientId/connections/:connectionId/turn-off`, params: ['_csrf'] },
  { method: 'POST', path: `${T}/applications/:clientId/management-api`, params: ['scopes', 'scope', '_csrf'] },
  { method: 'POST', path: `${T}/applications/:clientId/management-api/revoke`, params: ['_csrf'] },
  { method: 'GET', path: `${T}/social`, params: [] },
  { method: 'GET', path: `${T}/social/:strategy`, params: ['saved'] },
  { method: 'POST', path: `${T}/social/:strategy`, params: ['api', 'client_id', 'client_secret', 'scope', 'profile_sync', 'display_name', '_csrf'] },
  { method: 'GET', path: `${T}/social/:strategy/activity`, params: ['days', 'range'] },
  { method: 'GET', path: `${T}/social/:strategy/applications`, params: ['page', 'changed'] },
  { method: 'POST', path: `${T}/social/:strategy/applications/:clientId`, params: ['enabled', 'page', '_csrf'] },
  { method: 'GET', path: `${T}/social/:strategy/applications/:clientId/turn-off`, params: ['page'] },
  { method: 'POST', path: `${T}/social/:strategy/applications/:clientId/turn-off`, params: ['page', '_csrf'] },
  { method: 'GET', path: `${T}/social/:strategy/try`, params: [] },
  { method: 'POST', path: `${T}/social/:strategy/try`, params: ['scope', '_csrf'] },
  { method: 'GET', path: `${T}/social/:strategy/try/result/:tryId`, params: [] },
  { method: 'GET', path: `${T}/users`, params: ['q', 'page', 'deleted'] },
  { method: 'GET', path: `${T}/users/:userId`, params: ['sessions_ended', 'block_changed', 'grant_revoked'] },
  { method: 'GET', path: `${T}/users/:userId/sign-out`, params: [] },
  { method: 'POST', path: `${T}/users/:userId/sign-out`, params: ['_csrf'] },
  { method: 'GET', path: `${T}/users/:userId/block`, params: [] },
  { method: 'POST', path: `${T}/users/:userId/block`, params: ['_csrf'] },
  { method: 'POST', path: `${T}/users/:userId/unblock`, params: ['_csrf'] },
  { method: 'POST', path: `${T}/users/:userId/grants/:grantId/revoke`, params: ['confirm', '_form', '_csrf'] },
  { method: 'GET', path: `${T}/users/:userId/delete`, params: [] },
  { method: 'POST', path: `${T}/users/:missingUserId/delete`, params: ['_csrf'] },
  { method: 'GET', path: `${T}/logs`, params: ['type', 'user', 'page'] },
  { method: 'GET', path: `${T}/admins`, params: [] },
  { method: 'POST', path: `${T}/admins`, params: ['email', '_csrf'] },
  { method: 'POST', path: `${T}/admins/new-link`, params: ['email', '_csrf'] },
  { method: 'POST', path: `${T}/admins/remove`, params: ['email', '_csrf'] },
  { method: 'GET', path: `${T}/signing-keys`, params: ['done'] },
  { method: 'POST', path: `${T}/signing-keys/rotate`, params: [], withoutToken: true },
  { method: 'POST', path: `${T}/signing-keys/:kid/revoke`, params: ['_csrf'] },
  { method: 'GET', path: `${T}/settings`, params: ['saved'] },
  { method: 'POST', path: `${T}/settings`, params: ['friendly_name', 'allowed_logout_urls', 'session_lifetime', 'idle_session_lifetime', '_csrf'] },
];

describe('the dashboard, sandbox, health and home page under malformed input', () => {
  let harness: DashboardHarness;
  let server: Listening;
  let admin: SeededAdmin;
  let cookie = '';
  let token = '';
  const ids: Record<string, string> = {};
  const user: User = {
    tenant: 'default',
    userId: 'fitbit|SWEEP1',
    name: 'Sweep User',
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: 'SWEEP1', isSocial: true, api: 'fitbit-legacy', grantedScopes: ['activity'], status: 'connected' }],
    loginsCount: 1,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };

  beforeAll(async () => {
    harness = await startDashboardHarness({ plugins: connectionPlugins() });
    admin = await harness.seedAdmin('owner@example.com', ['default']);
    const { client } = await createClient(harness.store.clients, { tenant: 'default', name: 'sweep app', appType: 'regular_web', callbacks: ['https://app.example/callback'] });
    const connection = { ...connectionRecord('fitbit', 'fitbit-legacy', { credentials: false }), tenant: 'default', enabledClients: [client.clientId] };
    await harness.store.connections.create(connection);
    await harness.store.users.create(user);
    server = await listen(harness.app);
    Object.assign(ids, {
      tenant: 'default',
      clientId: client.clientId,
      missingClientId: 'sweep-nobody',
      connectionId: connection.id,
      strategy: 'fitbit',
      userId: encodeURIComponent(user.userId),
      missingUserId: 'fitbit%7CNOBODY',
      kid: 'sweep-no-such-key',
      grantId: 'sweep-no-such-grant',
      ticket: 'sweep-no-such-ticket',
      tryId: 'sweep-no-such-try',
    });
    await signIn();
  });
  afterAll(async () => {
    await server?.close();
    await harness?.close();
  });

  function cookiesOf(answer: Answer): string | undefined {
    const set = answer.headers['set-cookie'];
    const list = Array.isArray(set) ? set : set ? [set] : [];
    return list.find((line) => line.startsWith('fitgate.manage.sid='))?.split(';')[0];
  }

  async function signIn(): Promise<void> {
    const form = await server.send({ label: 'sign-in form', method: 'GET', path: '/manage/login', headers: { host: HOST } });
    cookie = cookiesOf(form) ?? '';
    const body = new URLSearchParams({ _csrf: csrfTokenOf(form.text), email: admin.email, password: admin.password }).toString();
    const signedIn = await server.send({ label: 'sign in', method: 'POST', path: '/manage/login', headers: { host: HOST, cookie, 'content-type': FORM_TYPE }, body });
    if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`);
    cookie = cookiesOf(signedIn) ?? cookie;
    const page = await server.send({ label: 'a page', method: 'GET', path: '/manage/t/default', headers: { host: HOST, cookie } });
    token = csrfTokenOf(page.text);
  }

  function pathOf(route: PageRoute, hostile?: { param: string; id: string }): string {
    return `/manage${route.path.replace(/:(\w+)/g, (_match, param: string) => (hostile?.param === param ? hostile.id : (ids[param] ?? 'x')))}`;
  }

  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ host: HOST, cookie, accept: 'text/html', ...extra });
  const tokenOf = (route: PageRoute): Record<string, string> => (route.withoutToken ? {} : { _csrf: token });
  const withToken = (route: PageRoute, type: string, body: string | Buffer): string | Buffer =>
    type === FORM_TYPE && typeof body === 'string' && !route.withoutToken ? `${body}&_csrf=${encodeURIComponent(token)}` : body;

  it('answers hostile query parameters on every page with a page, never a 500', async () => {
    const requests = ROUTES.flatMap((route) =>
      (route.method === 'GET' && route.params.length > 0 ? route.params : ['a']).flatMap((name) =>
        hostileQueries(name).map(({ label, query }) => ({
          label,
          method: route.method,
          path: `${pathOf(route)}?${query}`,
          headers: headers(route.method === 'POST' ? { 'content-type': FORM_TYPE } : {}),
          ...(route.method === 'POST' ? { body: new URLSearchParams(tokenOf(route)).toString() } : {}),
        })),
      ),
    );
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers hostile ids in every path parameter', async () => {
    const requests = ROUTES.flatMap((route) =>
      [...route.path.matchAll(/:(\w+)/g)].flatMap(([, param]) =>
        HOSTILE_IDS.map(({ label, id }) => ({
          label: `${param} ${label}`,
          method: route.method,
          path: pathOf(route, { param: param!, id }),
          headers: headers(route.method === 'POST' ? { 'content-type': FORM_TYPE } : {}),
          ...(route.method === 'POST' ? { body: new URLSearchParams(tokenOf(route)).toString() } : {}),
        })),
      ),
    );
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers malformed, mistyped and oversized bodies on every form', async () => {
    const requests = ROUTES.filter((route) => route.method === 'POST').flatMap((route) =>
      hostileBodies().map(({ label, type, body }) => ({ label, method: 'POST', path: pathOf(route), headers: headers({ 'content-type': type }), body: withToken(route, type, body) })),
    );
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers every field of every form given the wrong type, size or shape', async () => {
    const requests = ROUTES.filter((route) => route.method === 'POST').flatMap((route) =>
      route.params.flatMap((field) =>
        hostileFieldBodies(field, tokenOf(route)).map(({ label, type, body }) => ({ label, method: 'POST', path: pathOf(route), headers: headers({ 'content-type': type }), body })),
      ),
    );
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers every other method, HEAD and OPTIONS on every page, and pages nobody serves', async () => {
    const paths = [...new Set(ROUTES.map((route) => pathOf(route))), '/manage/nothing', '/manage/t/nobody/applications', '/manage/t/default/nothing/here'];
    const requests = paths.flatMap((path) => OTHER_METHODS.map((method) => ({ label: 'method', method, path, headers: headers() })));
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers garbage cookies and Host headers on every page', async () => {
    const requests = ROUTES.flatMap((route) =>
      hostileHeaderSets(HOST).map(({ label, headers: hostile }) => ({
        label,
        method: route.method,
        path: pathOf(route),
        headers: { ...headers(route.method === 'POST' ? { 'content-type': FORM_TYPE } : {}), ...hostile },
        ...(route.method === 'POST' ? { body: new URLSearchParams(tokenOf(route)).toString() } : {}),
      })),
    );
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('answers hostile input to the sandbox, health and the home page, never a 500', async () => {
    const others: { path: string; family: 'upstream' | 'html' }[] = [
      { path: '/_sandbox/www.fitbit.com/oauth2/authorize', family: 'upstream' },
      { path: '/_sandbox/api.fitbit.com/oauth2/token', family: 'upstream' },
      { path: '/_sandbox/api.fitbit.com/oauth2/revoke', family: 'upstream' },
      { path: '/_sandbox/api.fitbit.com/1/user/-/profile.json', family: 'upstream' },
      { path: '/_sandbox/accounts.google.com/o/oauth2/v2/auth', family: 'upstream' },
      { path: '/_sandbox/oauth2.googleapis.com/token', family: 'upstream' },
      { path: '/_sandbox/_emulator/apps', family: 'upstream' },
      { path: '/_sandbox/nowhere', family: 'upstream' },
      { path: '/health/live', family: 'upstream' },
      { path: '/health/ready', family: 'upstream' },
      { path: '/', family: 'html' },
    ];
    const requests: HostileRequest[] = others.flatMap(({ path, family }) => [
      ...['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'a'].flatMap((name) =>
        hostileQueries(name).map(({ label, query }) => ({ label, method: 'GET', path: `${path}?${query}`, headers: headers(), family })),
      ),
      ...hostileBodies().map(({ label, type, body }) => ({ label, method: 'POST', path, headers: headers({ 'content-type': type }), body, family })),
      ...OTHER_METHODS.map((method) => ({ label: 'method', method, path, headers: headers(), family })),
      ...hostileHeaderSets(HOST).map(({ label, headers: hostile }) => ({ label, method: 'GET', path, headers: { ...headers(), ...hostile }, family })),
    ]);
    expect(await sweep(server, requests, 'html')).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('still answers afterwards, with the admin signed in and every record it held', async () => {
    const live = await server.send({ label: 'live', method: 'GET', path: '/health/live', headers: { host: HOST } });
    expect(live.status).toBe(200);
    const page = await server.send({ label: 'users', method: 'GET', path: '/manage/t/default/users', headers: headers() });
    expect(page.status).toBe(200);
    expect(await harness.store.clients.getStored('default', ids.clientId!)).toBeDefined();
    expect(await harness.store.connections.getStored('default', ids.connectionId!)).toBeDefined();
    expect(await harness.store.users.get('default', user.userId)).toBeDefined();
    expect(await harness.store.admins.get(admin.email)).toBeDefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, SWEEP_TIMEOUT_MS);
});

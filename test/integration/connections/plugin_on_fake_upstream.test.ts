import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import type { ManagementApiScope } from '../../../src/domain/management_scopes.js';
import { managementApiAudience, tenantUrl } from '../../../src/domain/tenants.js';
import { acmeConnection } from '../../support/acme_connections.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../support/fake_oauth2_upstream.js';
import { acmeOAuth2Plugin } from '../../support/fake_plugin.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../dashboard/dashboard_harness.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * How a plugin the emulator does not play is tested through the host: the Acme plugin keeps its
 * real endpoints (https://auth.acme.example/...), FITGATE_UPSTREAM_BASE_URL points at a fake
 * upstream that serves them under that host's name, and the app's `emulated` plays Acme, so the
 * host hands the plugin that base. The fake is shaped like Strava: comma-separated scopes, the
 * grant reported on the callback URL (the user left one scope out), no PKCE, refresh tokens rotated.
 */
describe('a plugin on its real endpoints, sent to a fake upstream by FITGATE_UPSTREAM_BASE_URL', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let clientId = '';

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream({
      scopeSeparator: ',',
      grantReportedOn: 'callback',
      grant: (asked) => asked.filter((scope) => scope !== 'acme.body'),
      pkce: 'unsupported',
      refreshTokens: 'rotate',
      redirectUris: [`http://${HOST}/login/callback`],
      // Under the vault's 30 s floor: every read of the token refreshes it, and waits for the refresh.
      accessTokenLifetimeSeconds: 20,
    });
    const acme = acmeOAuth2Plugin({ upstreamUrl: upstream.origin, scopeSeparator: ',', grantOn: 'callback' });
    harness = await startDashboardHarness({
      plugins: new Map([[acme.strategy, acme]]),
      environment: { FITGATE_UPSTREAM_BASE_URL: upstream.baseUrl },
      emulated: { plays: (strategy) => strategy === acme.strategy },
    });
    ({ client: { clientId } } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    const connection = acmeConnection(upstream, harness.deps.sealer, acme.strategy, [clientId]);
    await harness.store.connections.create({ ...connection, options: { ...connection.options, scope: ['steps', 'weight'] } });
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  /** A login from /authorize through the fake and /login/callback; returns where the browser was sent upstream and the user's id. */
  async function logIn(): Promise<{ authorizeUrl: URL; userId: string }> {
    const browser = request.agent(harness.app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid', state: 'client-st', connection: 'acme' });
    const authorizeUrl = new URL(String((await browser.get(`/authorize?${query}`).expect(302)).headers.location));
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const answer = new URL(String((await browser.get(`/login/callback${back.search}`).expect(302)).headers.location));
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('code')).toEqual(expect.any(String));
    const { items } = await harness.store.users.list('default', { page: 0, perPage: 10 });
    expect(items).toHaveLength(1);
    return { authorizeUrl, userId: items[0]!.userId };
  }

  async function managementToken(scopes: ManagementApiScope[]): Promise<string> {
    const { client, clientSecret } = await createClient(harness.store.clients, { tenant: 'default', name: `Sync ${scopes.join(' ')}`, appType: 'non_interactive', managementScopes: scopes });
    const audience = managementApiAudience(tenantUrl(harness.config, 'default'));
    const issued = await request(harness.app).post('/oauth/token').set('Host', HOST).send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: clientSecret, audience }).expect(200);
    return String(issued.body.access_token);
  }

  const management = (method: 'get' | 'delete', path: string, token: string) => request(harness.app)[method](`/api/v2${path}`).set('Host', HOST).set('Authorization', `Bearer ${token}`);

  const refreshes = () => upstream.tokenRequests.filter((form) => form.get('grant_type') === 'refresh_token');

  const profileStatus = async (accessToken: string) => (await fetch(`${upstream.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

  it('sends the browser to the real authorize path under the base, and stores the grant read off the callback', async () => {
    const { authorizeUrl, userId } = await logIn();
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${upstream.baseUrl}/auth.acme.example/authorize`);
    expect(authorizeUrl.searchParams.get('scope')).toBe('acme.activity,acme.body');
    const identity = (await harness.store.users.get('default', userId))!.identities[0]!;
    expect(identity.grantedScopes).toContain('steps');
    expect(identity.grantedScopes).not.toContain('weight');
  });

  it('refreshes at the fake through the vault, sending each time the refresh token the last refresh rotated in', async () => {
    const { userId } = await logIn();
    const reader = await managementToken(['read:user_idp_tokens']);
    const before = refreshes().length;

    const first = await management('get', `/users/${encodeURIComponent(userId)}`, reader).expect(200);
    const second = await management('get', `/users/${encodeURIComponent(userId)}`, reader).expect(200);

    const [firstRefresh, secondRefresh] = refreshes().slice(before);
    expect(refreshes()).toHaveLength(before + 2);
    // The fake refuses a rotated-out refresh token: the second read passed only with the new one.
    expect(secondRefresh!.get('refresh_token')).not.toBe(firstRefresh!.get('refresh_token'));
    const accessTokens = [first, second].map((response) => String(response.body.identities[0].access_token));
    expect(new Set(accessTokens).size).toBe(2);
    expect(await profileStatus(accessTokens[1]!)).toBe(200);
  });

  it('revokes the grant at the fake when the user is deleted', async () => {
    const { userId } = await logIn();
    const stored = (await harness.store.users.get('default', userId))!.identities[0]!.tokens!;
    const accessToken = harness.deps.sealer.open(stored.accessToken);
    expect(await profileStatus(accessToken)).toBe(200);
    const before = upstream.revokeRequests.length;

    await management('delete', `/users/${encodeURIComponent(userId)}`, await managementToken(['delete:users'])).expect(204);

    expect(upstream.revokeRequests).toHaveLength(before + 1);
    expect(upstream.revokeRequests.at(-1)?.get('token')).toBe(harness.deps.sealer.open(stored.refreshToken!));
    expect(await profileStatus(accessToken)).toBe(401);
  });
});

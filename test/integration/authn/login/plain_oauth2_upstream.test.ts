import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { acmeConnection, acmePlugins } from '../../../support/acme_connections.js';
import { acmeOAuth2Plugin } from '../../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../../dashboard/dashboard_harness.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';
const STALE = 'This login link has expired, was already used, or was started in another browser.';

/**
 * Real logins (/authorize, the upstream, /login/callback) through a plugin whose strategy is the
 * shared OAuth2LoginStrategy against a fake OAuth 2.0 upstream on loopback: "acme" without PKCE, as an upstream
 * like Strava needs; "acme_stale", whose state check refuses every state, as passport's does for a
 * state that is not the login's; "acme_storeless", whose strategy ignores the host's state store;
 * "acme_plain", which leaves the user's refusal to passport-oauth2.
 */
describe('a login through an upstream that speaks plain OAuth 2.0', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let clientId = '';

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const plugins = acmePlugins(upstream);
    plugins.set('acme_plain', acmeOAuth2Plugin({ upstreamUrl: upstream.url, strategy: 'acme_plain', refusalByPassportOAuth2: true }));
    harness = await startDashboardHarness({ plugins });
    ({ client: { clientId } } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    for (const strategy of plugins.keys()) await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, strategy, [clientId]));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });


  /** Sends a browser (an agent keeping cookies) to /authorize and on to the upstream; returns where the upstream sent it back. */
  async function toCallback(connection: string) {
    const browser = request.agent(harness.app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid profile', state: 'client-st', connection });
    const toUpstream = await browser.get(`/authorize?${query}`).expect(302);
    const authorizeUrl = new URL(String(toUpstream.headers.location));
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${upstream.url}/authorize`);
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`http://${HOST}/login/callback`);
    return { browser, authorizeUrl, back };
  }

  const toClient = (response: request.Response) => new URL(String(response.headers.location));

  it('logs the user in without PKCE: no code challenge upstream, no code_verifier in the exchange, a code for the client', async () => {
    const { browser, authorizeUrl, back } = await toCallback('acme');
    expect(authorizeUrl.searchParams.has('code_challenge')).toBe(false);
    const answer = toClient(await browser.get(`/login/callback${back.search}`).expect(302));
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('code')).toEqual(expect.any(String));
    expect(answer.searchParams.get('state')).toBe('client-st');
    expect(upstream.tokenRequests.at(-1)?.has('code_verifier')).toBe(false);
  });

  it.each([
    ['acme', 'as OAuth2LoginStrategy fails it, with a PluginFailChallenge'],
    ['acme_plain', 'though passport-oauth2 fails it without a PluginFailChallenge'],
  ])('%s: tells the client the user refused when the upstream answers access_denied, %s', async (connection) => {
    upstream.deny(true);
    try {
      const { browser, back } = await toCallback(connection);
      const answer = toClient(await browser.get(`/login/callback${back.search}`).expect(302));
      expect(answer.searchParams.get('error')).toBe('access_denied');
      expect(answer.searchParams.get('error_description')).toBe('The user did not allow access at Acme.');
      expect(answer.searchParams.get('state')).toBe('client-st');
    } finally {
      upstream.deny(false);
    }
  });

  it('answers a state the strategy refuses as a stale login, with a page and no redirect, not as the user’s refusal', async () => {
    const { browser, back } = await toCallback('acme_stale');
    const exchanges = upstream.tokenRequests.length;
    const response = await browser.get(`/login/callback${back.search}`).expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('log in again');
    expect(response.text).not.toContain('did not allow access');
    expect(upstream.tokenRequests).toHaveLength(exchanges);
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' });
    expect(items[0]).toMatchObject({ connection: 'acme_stale', details: { error: 'invalid_request' } });
    expect(items[0]?.description).toContain(STALE.slice(0, 40));
  });

  // TRY reads the same callbacks the same way (test/integration/dashboard/try/try_plain_oauth2.test.ts).
  it.each([
    ['neither a code nor an error', (query: URLSearchParams) => query.delete('code')],
    ['a repeated code', (query: URLSearchParams) => query.append('code', 'another-code')],
  ])('answers a callback with %s as the upstream’s bad_response at the callback, before any exchange', async (_case, edit) => {
    const { browser, back } = await toCallback('acme');
    const exchanges = upstream.tokenRequests.length;
    const query = new URLSearchParams(back.search);
    edit(query);
    const answer = toClient(await browser.get(`/login/callback?${query}`).expect(302));
    expect(answer.searchParams.get('error')).toBe('server_error');
    expect(answer.searchParams.get('error_description')).toContain('Acme');
    expect(answer.searchParams.get('state')).toBe('client-st');
    expect(upstream.tokenRequests).toHaveLength(exchanges);
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' });
    expect(items[0]).toMatchObject({ connection: 'acme', details: { error: 'server_error', source: 'upstream', upstream_kind: 'bad_response' } });
  });

  it('never sends the browser upstream when the strategy keeps no round trip: the client gets server_error at once', async () => {
    const authorizations = upstream.authorizeRequests.length;
    const browser = request.agent(harness.app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid', state: 'client-st', connection: 'acme_storeless' });
    const answer = toClient(await browser.get(`/authorize?${query}`).expect(302));
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('error')).toBe('server_error');
    // The plugin's fault: the upstream, which was never asked, is not blamed.
    expect(answer.searchParams.get('error_description')).not.toMatch(/refused/);
    expect(answer.searchParams.get('state')).toBe('client-st');
    expect(upstream.authorizeRequests).toHaveLength(authorizations);
  });
});

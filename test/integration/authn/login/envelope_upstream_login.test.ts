import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { acmeConnection } from '../../../support/acme_connections.js';
import { ENVELOPE_STRATEGY, envelopePlugin } from '../../../support/envelope_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../support/fake_oauth2_upstream.js';
import { acmeOAuth2Plugin } from '../../../support/fake_plugin.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../../dashboard/dashboard_harness.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * Real logins through a plugin whose upstream wraps every answer in an envelope and refuses with
 * HTTP 200 too (the fake's `envelope`, read by the plugin's answerOf): the token answer inside the
 * envelope is the one parsed, and a code refused inside a 200 fails the login exactly as the same
 * refusal at 400 does through the plain Acme plugin ("acme", on a fake that answers plainly).
 */
describe('a login through an upstream that answers in an envelope', () => {
  let plain: FakeOAuth2Upstream;
  let enveloped: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let clientId = '';

  beforeAll(async () => {
    plain = await startFakeOAuth2Upstream();
    enveloped = await startFakeOAuth2Upstream({ host: 'auth.envelope.example', envelope: true });
    const plugins = [acmeOAuth2Plugin({ upstreamUrl: plain.url }), envelopePlugin(enveloped.url)];
    harness = await startDashboardHarness({ plugins: new Map(plugins.map((plugin) => [plugin.strategy, plugin])) });
    ({ client: { clientId } } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    await harness.store.connections.create(acmeConnection(plain, harness.deps.sealer, 'acme', [clientId]));
    await harness.store.connections.create(acmeConnection(enveloped, harness.deps.sealer, ENVELOPE_STRATEGY, [clientId]));
  });
  afterAll(async () => {
    await harness?.close();
    await enveloped?.close();
    await plain?.close();
  });

  /** From /authorize through the upstream to /login/callback, the callback's query edited by `edit`; where the client is sent. */
  async function login(connection: string, edit: (query: URLSearchParams) => void = () => undefined): Promise<URL> {
    const browser = request.agent(harness.app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid profile', state: 'client-st', connection });
    const authorizeUrl = new URL(String((await browser.get(`/authorize?${query}`).expect(302)).headers.location));
    const back = new URLSearchParams(new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!).search);
    edit(back);
    return new URL(String((await browser.get(`/login/callback?${back}`).expect(302)).headers.location));
  }

  it('logs the user in with the tokens inside the envelope', async () => {
    const answer = await login(ENVELOPE_STRATEGY);
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('code')).toEqual(expect.any(String));
    expect(answer.searchParams.get('state')).toBe('client-st');

    const { items: users } = await harness.store.users.list('default', { page: 0, perPage: 10 });
    const identity = users.flatMap((user) => user.identities).find((each) => each.connection === ENVELOPE_STRATEGY);
    expect(identity).toMatchObject({ userId: 'athlete-7', status: 'connected', grantedScopes: ['steps', 'distance'] });
    const accessToken = harness.deps.sealer.open(identity!.tokens!.accessToken);
    const me = await fetch(`${enveloped.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await me.json()).toMatchObject({ status: 0, body: { id: 'athlete-7' } });
  });

  it('fails a login whose code the upstream refuses inside a 200 as the same refusal at 400 fails it: invalid_grant', async () => {
    const spoil = (query: URLSearchParams) => query.set('code', 'a-code-never-issued');
    const answers = [];
    for (const connection of ['acme', ENVELOPE_STRATEGY]) {
      const answer = await login(connection, spoil);
      const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' });
      answers.push({ error: answer.searchParams.get('error'), description: answer.searchParams.get('error_description'), event: items[0]?.details });
    }
    const [atFourHundred, atTwoHundred] = answers;
    expect(atFourHundred).toMatchObject({ error: 'server_error', description: expect.stringContaining("did not accept the login's authorization code") });
    expect(atFourHundred!.event).toMatchObject({ source: 'upstream', upstream_kind: 'invalid_grant' });
    expect(atTwoHundred).toEqual(atFourHundred);
  });
});

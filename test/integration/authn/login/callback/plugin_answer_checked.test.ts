import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../../src/domain/clients.js';
import { acmeConnection } from '../../../../support/acme_connections.js';
import { acmeOAuth2Plugin } from '../../../../support/fake_plugin.js';
import { startFakeOAuth2Upstream, type FakeOAuth2Upstream } from '../../../../support/fake_oauth2_upstream.js';
import { HOST, startDashboardHarness, type DashboardHarness } from '../../../dashboard/dashboard_harness.js';

const CLIENT_CALLBACK = 'https://steps.example/callback';

/**
 * A plugin whose strategy hands back a profile with an empty user id (a profile parsed from the
 * wrong field) breaks the plugin interface: the login must fail as the upstream's bad_response, not
 * store a user `acme_noid|` that is never indexed and that the next login could not find. TRY
 * refuses the same answer (test/integration/dashboard/try/try_plugin_answer_checked.test.ts).
 */
describe('a login whose plugin hands back an empty user id', () => {
  let upstream: FakeOAuth2Upstream;
  let harness: DashboardHarness;
  let clientId = '';

  beforeAll(async () => {
    upstream = await startFakeOAuth2Upstream();
    const plugin = acmeOAuth2Plugin({ upstreamUrl: upstream.url, strategy: 'acme_noid', profileId: '' });
    harness = await startDashboardHarness({ plugins: new Map([[plugin.strategy, plugin]]) });
    ({ client: { clientId } } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    await harness.store.connections.create(acmeConnection(upstream, harness.deps.sealer, 'acme_noid', [clientId]));
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('fails with the upstream’s bad_response after the exchange, and writes no user', async () => {
    const browser = request.agent(harness.app).host(HOST);
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CLIENT_CALLBACK, scope: 'openid', state: 'client-st', connection: 'acme_noid' });
    const toUpstream = await browser.get(`/authorize?${query}`).expect(302);
    const back = new URL((await fetch(String(toUpstream.headers.location), { redirect: 'manual' })).headers.get('location')!);
    const exchanges = upstream.tokenRequests.length;

    const answer = new URL(String((await browser.get(`/login/callback${back.search}`).expect(302)).headers.location));

    // The upstream was asked: the check is of what the plugin made of its answer.
    expect(upstream.tokenRequests).toHaveLength(exchanges + 1);
    expect(`${answer.origin}${answer.pathname}`).toBe(CLIENT_CALLBACK);
    expect(answer.searchParams.get('code')).toBeNull();
    expect(answer.searchParams.get('error')).toBe('server_error');
    expect(answer.searchParams.get('error_description')).toContain('bad_response');
    expect(answer.searchParams.get('state')).toBe('client-st');
    const { items } = await harness.store.logs.list('default', { page: 0, perPage: 1, type: 'f' });
    expect(items[0]).toMatchObject({ connection: 'acme_noid', details: { error: 'server_error', source: 'upstream', upstream_kind: 'bad_response' } });
    expect(await harness.store.users.count('default')).toBe(0);
    expect(await harness.store.users.get('default', 'acme_noid|')).toBeUndefined();
  });
});

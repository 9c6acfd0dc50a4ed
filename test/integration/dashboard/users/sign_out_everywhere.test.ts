import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import type { Client } from '../../../../src/domain/types.js';
import { putStoredSession } from '../../../support/authn/stored_session.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';
import { describeEachStore } from '../../../support/stores.js';
import { HOST, signedInAgent, submitForm, useDashboardOnStore, type Agent } from '../dashboard_harness.js';

const CALLBACK = 'https://app.example/callback';
const ADA = 'fitbit|ada-sessions';
const userPage = `/manage/t/default/users/${encodeURIComponent(ADA)}`;

/**
 * A user's page has Sign out everywhere: a confirmation page, a form with the CSRF token, and the
 * same end as DELETE /api/v2/users/{id}/sessions (domain/ended_sessions.ts): the user's browser
 * sessions answer no prompt=none, the subscribed application is sent a logout token, and the change
 * is logged as that call.
 */
describeEachStore('Sign out everywhere in the dashboard', (stores) => {
  const dashboard = useDashboardOnStore(stores, { plugins: connectionPlugins() });
  let agent: Agent;
  let receiver: LogoutReceiver;
  let client: Client;
  let cookie: string;

  beforeAll(async () => {
    const harness = dashboard();
    const { store } = harness;
    agent = await signedInAgent(harness.app, await harness.seedAdmin(`owner-${randomBytes(3).toString('hex')}@example.com`, ['default']));
    receiver = await startLogoutReceiver();
    ({ client } = await createClient(store.clients, { tenant: 'default', name: 'Ada’s app', appType: 'regular_web', callbacks: [CALLBACK] }));
    await store.clients.update({
      ...client,
      oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/app`], backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['session-revoked'] } },
    });
    const now = new Date().toISOString();
    await store.connections.create({
      tenant: 'default',
      id: `con_${randomBytes(8).toString('hex')}`,
      name: 'fitbit',
      strategy: 'fitbit',
      options: { api: 'google-health', scope: ['activity', 'profile'], profileSync: 'on_each_login' },
      enabledClients: [client.clientId],
      createdAt: now,
      updatedAt: now,
    });
    await store.users.create({ tenant: 'default', userId: ADA, name: 'Ada Lovelace', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    const endUser = { tenant: 'default', userId: ADA, connection: 'fitbit', authTime: Math.floor(Date.now() / 1000), sid: 'ada-sid' };
    cookie = await putStoredSession(store, `ada-${randomBytes(6).toString('hex')}`, harness.config.sessionSecrets[0] ?? '', { endUser });
  });
  afterAll(() => receiver.close());

  async function silentLogin(): Promise<URLSearchParams> {
    const query = new URLSearchParams({ response_type: 'code', client_id: client.clientId, redirect_uri: CALLBACK, scope: 'openid', prompt: 'none', state: 's' });
    const answer = await request(dashboard().app).get(`/authorize?${query.toString()}`).set('Host', HOST).set('Cookie', cookie);
    const location = new URL(String(answer.headers.location));
    if (`${location.origin}${location.pathname}` !== CALLBACK) throw new Error(`prompt=none did not answer the client: ${answer.status} ${location.href}`);
    return location.searchParams;
  }

  it('asks for confirmation, refuses a post without the CSRF token, then ends the sessions, tells the application and logs it', async () => {
    expect((await silentLogin()).get('code')).toBeTruthy();

    const page = await agent.get(userPage).expect(200);
    expect(page.text).toContain(`href="${userPage}/sign-out"`);
    const confirm = await agent.get(`${userPage}/sign-out`).expect(200);
    expect(confirm.text).toContain('Sign Ada Lovelace out everywhere?');
    expect(confirm.text).toContain(`<form method="post" action="${userPage}/sign-out">`);

    await agent.post(`${userPage}/sign-out`).type('form').send({}).expect(403);
    expect((await dashboard().store.users.get('default', ADA))?.sessionsEndedAt).toBeUndefined();
    expect((await silentLogin()).get('code')).toBeTruthy();

    const told = receiver.next();
    const done = await submitForm(agent, `${userPage}/sign-out`, `${userPage}/sign-out`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${userPage}?sessions_ended=1`);
    expect((await agent.get(String(done.headers.location)).expect(200)).text).toContain('Signed out everywhere');

    expect((await silentLogin()).get('error')).toBe('login_required');
    const logout = decodeJwt((await told).form.get('logout_token') ?? '');
    expect(logout).toMatchObject({ iss: `http://${HOST}/`, aud: client.clientId, sub: ADA });
    expect(logout).not.toHaveProperty('sid');

    const { items } = await dashboard().store.logs.list('default', { page: 0, perPage: 1, type: 'sapi' });
    expect(items[0]).toMatchObject({
      description: 'Delete sessions for user',
      userId: ADA,
      details: expect.objectContaining({
        request: expect.objectContaining({ method: 'DELETE', path: `/api/v2/users/${encodeURIComponent(ADA)}/sessions`, channel: 'dashboard' }),
        response: { statusCode: 202 },
      }),
    });
  });
});

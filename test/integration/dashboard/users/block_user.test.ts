import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { createApp } from '../../../../src/app.js';
import { hashPassword } from '../../../../src/domain/passwords.js';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import type { Browser } from '../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, useEmulator, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';
import { managementToken } from '../../../support/authn/management_token.js';
import { describeEachStore } from '../../../support/stores.js';
import { signedInAgent, submitForm, type Agent } from '../dashboard_harness.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A user's page shows whether the user is blocked and has Block… (a confirmation page, then a form
 * with the CSRF token) and Unblock: the change PATCH /api/v2/users/{id} with `{"blocked": …}` makes,
 * through the same domain function (domain/user_changes.ts). A block from the dashboard refuses the
 * user's next login, ends their browser sessions for good and sends the subscribed application a
 * logout token, as the API's block does; the Management API reads it back; it is logged as that
 * PATCH ("Update a user"); Unblock lets the user log in again.
 */
describeEachStore('Block and Unblock in the dashboard', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  let dashboard: Agent;
  let readToken: string;
  let userPage: string;
  /** Alice's browser, signed in before the block. */
  let laptop: Browser;
  const background = new BackgroundWork();

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background });
    receiver = await startLogoutReceiver();
    const web = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({
      ...web!,
      oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/web`], backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['session-revoked'] } },
    });
    readToken = await managementToken(fitgate, ['read:users']);
    const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
    const password = 'a password for the dashboard';
    await fitgate.store.admins.create({ email, passwordHash: await hashPassword(password), tenants: [fitgate.tenant], createdAt: new Date().toISOString() });
    // The dashboard on the tenant's NAME.<base host>, served by the same deps (the same store and background work).
    dashboard = await signedInAgent(createApp(fitgate.deps), { email, password, tenants: [fitgate.tenant] }, new URL(fitgate.tenantUrl).host);
    userPage = `/manage/t/${fitgate.tenant}/users/${encodeURIComponent(ALICE)}`;
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  const blockedThroughApi = async () =>
    (
      await request(fitgate.url)
        .get(`/api/v2/users/${encodeURIComponent(ALICE)}`)
        .set('Host', new URL(fitgate.tenantUrl).host)
        .set('Authorization', `Bearer ${readToken}`)
        .expect(200)
    ).body.blocked as unknown;

  async function silentLogin(browser: Browser): Promise<URLSearchParams> {
    const answer = await browser.get(fitgate.authorizeUrl({ prompt: 'none' }));
    if (!answer.location?.href.startsWith(CLIENT_CALLBACK)) throw new Error(`prompt=none did not answer the client: ${answer.location?.href ?? answer.status}`);
    return answer.location.searchParams;
  }

  async function freshLogin(): Promise<URLSearchParams> {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    if (!arrivedAt) throw new Error('the login did not come back to the client');
    return arrivedAt.searchParams;
  }

  async function newestChange() {
    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'sapi' });
    return items[0];
  }

  it('blocks from the user page: shown there and through the API, the sessions ended and the application told, the next login refused, logged as the PATCH', async () => {
    laptop = fitgate.browser();
    await loginAtWebClient(fitgate, laptop);
    const before = await dashboard.get(userPage).expect(200);
    expect(before.text).not.toContain('>Blocked</span>');
    expect(before.text).toContain(`href="${userPage}/block">Block…</a>`);

    await dashboard.post(`${userPage}/block`).type('form').send({}).expect(403);
    expect(await blockedThroughApi()).toBeUndefined();

    const confirm = await dashboard.get(`${userPage}/block`).expect(200);
    expect(confirm.text).toContain(`<form method="post" action="${userPage}/block">`);
    const told = receiver.next();
    const done = await submitForm(dashboard, `${userPage}/block`, `${userPage}/block`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${userPage}?block_changed=blocked`);

    const after = await dashboard.get(String(done.headers.location)).expect(200);
    expect(after.text).toContain('<span class="badge badge-warning">Blocked</span>');
    expect(after.text).toContain("Blocked: this user's logins are refused from now on");
    expect(after.text).toContain(`action="${userPage}/unblock"`);
    expect(await blockedThroughApi()).toBe(true);

    const logout = decodeJwt((await told).form.get('logout_token') ?? '');
    expect(logout).toMatchObject({ aud: fitgate.webClient.clientId, sub: ALICE });
    expect((await silentLogin(laptop)).get('error_description')).toBe('user is blocked');
    const refused = await freshLogin();
    expect({ error: refused.get('error'), description: refused.get('error_description') }).toEqual({ error: 'unauthorized', description: 'user is blocked' });

    expect(await newestChange()).toMatchObject({
      description: 'Update a user',
      userId: ALICE,
      details: expect.objectContaining({
        request: expect.objectContaining({ method: 'PATCH', path: `/api/v2/users/${encodeURIComponent(ALICE)}`, channel: 'dashboard' }),
        response: { statusCode: 200 },
      }),
    });
  });

  it('unblocks from the user page: the user logs in again, and no session ended by the block comes back', async () => {
    const done = await submitForm(dashboard, userPage, `${userPage}/unblock`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${userPage}?block_changed=unblocked`);
    const page = await dashboard.get(String(done.headers.location)).expect(200);
    expect(page.text).toContain('Unblocked: this user can log in again.');
    expect(page.text).not.toContain('>Blocked</span>');
    expect(await blockedThroughApi()).toBe(false);
    expect(await newestChange()).toMatchObject({ description: 'Update a user', userId: ALICE });

    expect((await freshLogin()).get('code')).toBeTruthy();
    expect((await silentLogin(laptop)).get('error')).toBe('login_required');
    await background.settled(10_000);
    expect(receiver.received).toHaveLength(1);
  });
});

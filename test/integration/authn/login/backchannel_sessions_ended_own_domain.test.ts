import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { createApp } from '../../../../src/app.js';
import { hashPassword } from '../../../../src/domain/passwords.js';
import { ownDomainUrl } from '../../../../src/domain/tenants.js';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { Browser } from '../../../support/authn/browser.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';
import { DEMO } from '../../../support/emulator.js';
import { describeEachStore } from '../../../support/stores.js';
import { signedInAgent, submitForm, type Agent } from '../../dashboard/dashboard_harness.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A user signed in at one of the tenant's own domains got id_tokens issued by that domain, and an
 * application checks a logout token's `iss` against them (Back-Channel Logout §2.6). Ending the
 * user's sessions is asked on the tenant's NAME.<base host> (the Management API there, the
 * dashboard, a block), yet the logout token carries the own domain's issuer: the one the sign-in
 * was made under, which the login remembered on the user record.
 */
describeEachStore('back-channel logout of sessions signed in at an own domain', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  let token: string;
  let ownUrl: string;
  let dashboard: Agent;
  const background = new BackgroundWork();
  const aliceSessions = `/users/${encodeURIComponent(ALICE)}/sessions`;

  /** A browser that reaches fitgate at the tenant's own domain and at NAME.<base host>. */
  const browser = () => new Browser(fitgate.url, new Set([new URL(ownUrl).host, new URL(fitgate.tenantUrl).host]));

  /** The issuers of the logout tokens that arrived once the sends are over. */
  async function logoutIssuers(): Promise<unknown[]> {
    await background.settled(10_000);
    return receiver.received.map((got) => decodeJwt(got.form.get('logout_token') ?? '').iss).sort();
  }

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background });
    receiver = await startLogoutReceiver();
    const ownHost = `login.${fitgate.tenant}.test`;
    const tenant = await fitgate.store.tenants.get(fitgate.tenant);
    await fitgate.store.tenants.update({ ...tenant!, domains: [ownHost] });
    ownUrl = ownDomainUrl(fitgate.deps.config, ownHost);
    emulator().control.addRedirectUri(DEMO.googleServer.clientId, `${ownUrl}/login/callback`);
    const web = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({
      ...web!,
      oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/web`], backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['session-revoked'] } },
    });
    token = await managementToken(fitgate, ['delete:sessions', 'update:users']);

    const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
    const password = 'a password for the dashboard';
    await fitgate.store.admins.create({ email, passwordHash: await hashPassword(password), tenants: [fitgate.tenant], createdAt: new Date().toISOString() });
    // The dashboard on the tenant's NAME.<base host>, served by the same deps (and so the same store and background work).
    dashboard = await signedInAgent(createApp(fitgate.deps), { email, password, tenants: [fitgate.tenant] }, new URL(fitgate.tenantUrl).host);
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('issues the id_token of a sign-in at the own domain under that domain', async () => {
    const { idToken } = await loginAtWebClient(fitgate, browser(), {}, ownUrl);
    expect(decodeJwt(idToken).iss).toBe(`${ownUrl}/`);
  });

  it('gives the logout token of DELETE /users/{id}/sessions, asked on NAME.<base host>, the own domain’s issuer', async () => {
    await loginAtWebClient(fitgate, browser(), {}, ownUrl);

    await managementCall(fitgate, 'delete', aliceSessions, token).expect(202);

    expect(await logoutIssuers()).toEqual([`${ownUrl}/`]);
  });

  it('gives the logout token of the dashboard’s Sign out everywhere the own domain’s issuer', async () => {
    await loginAtWebClient(fitgate, browser(), {}, ownUrl);

    const userPage = `/manage/t/${fitgate.tenant}/users/${encodeURIComponent(ALICE)}`;
    const done = await submitForm(dashboard, `${userPage}/sign-out`, `${userPage}/sign-out`, {});
    expect(done.status).toBe(303);

    expect(await logoutIssuers()).toEqual([`${ownUrl}/`]);
  });

  it('sends one token per host to a user signed in at both, and after the end, with no sign-in since, the host’s as before', async () => {
    await loginAtWebClient(fitgate, browser(), {}, ownUrl);
    await loginAtWebClient(fitgate, browser());

    await managementCall(fitgate, 'delete', aliceSessions, token).expect(202);
    expect(await logoutIssuers()).toEqual([`${fitgate.tenantUrl}/`, `${ownUrl}/`].sort());

    receiver.received.length = 0;
    await managementCall(fitgate, 'delete', aliceSessions, token).expect(202);
    expect(await logoutIssuers()).toEqual([`${fitgate.tenantUrl}/`]);
  });

  it('gives the logout token of a block the own domain’s issuer', async () => {
    await loginAtWebClient(fitgate, browser(), {}, ownUrl);

    await managementCall(fitgate, 'patch', `/users/${encodeURIComponent(ALICE)}`, token).send({ blocked: true }).expect(200);

    expect(await logoutIssuers()).toEqual([`${ownUrl}/`]);
  });
});

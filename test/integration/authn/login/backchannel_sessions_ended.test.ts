import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import type { Client, OidcLogoutSettings } from '../../../../src/domain/types.js';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';
const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * Ending all of a user's sessions (DELETE /api/v2/users/{id}/sessions) tells, by back-channel logout,
 * each application of the tenant that registered a URL and chose Auth0's `session-revoked` initiator
 * (or `all`): one logout token with `sub` and no `sid`, every session of that user at the
 * application. An application with a URL but only the default initiators hears nothing, as at Auth0.
 */
describeEachStore('back-channel logout when a user’s sessions are ended', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  let token: string;
  let allInitiators: Client;
  const background = new BackgroundWork();

  async function setOidcLogout(client: Client, oidcLogout: OidcLogoutSettings): Promise<void> {
    const stored = await fitgate.store.clients.get(fitgate.tenant, client.clientId);
    await fitgate.store.clients.update({ ...stored!, oidcLogout });
  }

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background });
    receiver = await startLogoutReceiver();
    token = await managementToken(fitgate, ['delete:sessions']);
    await setOidcLogout(fitgate.webClient, {
      backchannelLogoutUrls: [`${receiver.url}/web`],
      backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['rp-logout', 'session-revoked'] },
    });
    // A URL with Auth0's defaults (rp-logout, idp-logout): not subscribed to ended sessions.
    await setOidcLogout(fitgate.spaClient, { backchannelLogoutUrls: [`${receiver.url}/spa`] });
    ({ client: allInitiators } = await createClient(fitgate.store.clients, { tenant: fitgate.tenant, name: 'Acme Admin', appType: 'regular_web', callbacks: [CLIENT_CALLBACK] }));
    await setOidcLogout(allInitiators, { backchannelLogoutUrls: [`${receiver.url}/all`], backchannelLogoutInitiators: { mode: 'all' } });
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('sends each subscribed application one logout token for the user, with sub and no sid, verifiable with the JWKS', async () => {
    await loginAtWebClient(fitgate, fitgate.browser());

    await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}/sessions`, token).expect(202);
    await background.settled(10_000);

    expect(receiver.received.map((got) => got.path).sort()).toEqual(['/all', '/web']);
    const jwks = await request(fitgate.url).get('/.well-known/jwks.json').set('Host', new URL(fitgate.tenantUrl).host).expect(200);
    for (const got of receiver.received) {
      expect(got.contentType).toBe('application/x-www-form-urlencoded');
      const audience = got.path === '/web' ? fitgate.webClient.clientId : allInitiators.clientId;
      const { payload, protectedHeader } = await jwtVerify(got.form.get('logout_token') ?? '', createLocalJWKSet(jwks.body as JSONWebKeySet), {
        issuer: `${fitgate.tenantUrl}/`,
        audience,
        typ: 'logout+jwt',
        algorithms: ['RS256'],
      });
      expect(protectedHeader.typ).toBe('logout+jwt');
      expect(payload).toMatchObject({ iss: `${fitgate.tenantUrl}/`, aud: audience, sub: ALICE, events: { [EVENT]: {} } });
      expect(typeof payload.jti).toBe('string');
      expect(typeof payload.iat).toBe('number');
      expect(payload).not.toHaveProperty('sid');
      expect(payload).not.toHaveProperty('nonce');
    }
    const [first, second] = receiver.received.map((got) => decodeJwt(got.form.get('logout_token') ?? '').jti);
    expect(first).not.toBe(second);
  });

  it('tells the subscribed applications even when no browser of the user is signed in: fitgate cannot know', async () => {
    await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}/sessions`, token).expect(202);
    await background.settled(10_000);
    expect(receiver.received.map((got) => got.path).sort()).toEqual(['/all', '/web']);
  });

  it('sends nothing for a user the tenant does not have', async () => {
    await managementCall(fitgate, 'delete', '/users/fitbit%7Cnobody/sessions', token).expect(404);
    await background.settled(10_000);
    expect(receiver.received).toEqual([]);
  });
});

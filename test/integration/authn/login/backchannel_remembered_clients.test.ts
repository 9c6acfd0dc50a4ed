import { expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { MAX_SESSION_CLIENTS } from '../../../../src/authn/login/login_session.js';
import { SESSION_COOKIE } from '../../../../src/http/session.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, useBackchannelLogout } from '../../../support/authn/login_session_helpers.js';
import { readStoredSession, sessionIdOfCookie } from '../../../support/authn/stored_session.js';

const emulator = useEmulator('alice');

/**
 * The session remembers only the clients with a back-channel logout URL: silent single sign-on
 * for any number of other clients (which any site can cause, the cookie being SameSite=None) never
 * pushes them out of the list, so they still get their logout token.
 */
describeEachStore('clients a session remembers for back-channel logout', (harness) => {
  const backchannel = useBackchannelLogout(harness, emulator);

  it('keeps a client with a URL through more silent sign-ons of clients without one than the cap', async () => {
    const { fitgate, receiver, background } = backchannel;
    const others: string[] = [];
    for (let i = 0; i <= MAX_SESSION_CLIENTS; i += 1) {
      const { client } = await createClient(fitgate.store.clients, { tenant: fitgate.tenant, name: `Other ${i}`, appType: 'regular_web', callbacks: [CLIENT_CALLBACK] });
      others.push(client.clientId);
    }
    const connection = await fitgate.store.connections.getByName(fitgate.tenant, 'fitbit');
    if (!connection) throw new Error('the fixture connection is gone');
    await fitgate.store.connections.update({ ...connection, enabledClients: [...connection.enabledClients, ...others] });

    const browser = fitgate.browser();
    await loginAtWebClient(fitgate, browser);
    for (const clientId of others) {
      const silent = await browser.get(fitgate.authorizeUrl({ client_id: clientId, prompt: 'none' }));
      expect(silent.location?.searchParams.get('code')).toBeTruthy();
    }
    const session = await readStoredSession(fitgate.store, sessionIdOfCookie(browser.cookie(new URL(fitgate.tenantUrl).host, SESSION_COOKIE) ?? ''));
    expect(session?.endUser?.clients).toEqual([fitgate.webClient.clientId]);

    await browser.get(`${fitgate.tenantUrl}/v2/logout`);
    await background.settled(10_000);
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import type { Browser } from '../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * Blocking a user (PATCH /api/v2/users/{id} with blocked:true) ends their browser sessions as
 * DELETE /users/{id}/sessions does: for good, so unblocking brings none back, and the applications
 * subscribed to `session-revoked` are sent a logout token. A browser that visits while the block
 * lasts is told "user is blocked" (blocked_after_sign_in.test.ts).
 */
describeEachStore('blocking a user ends their sessions', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  let token: string;
  const background = new BackgroundWork();
  const patchAlice = (body: object) => managementCall(fitgate, 'patch', `/users/${encodeURIComponent(ALICE)}`, token).send(body).expect(200);

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background });
    receiver = await startLogoutReceiver();
    token = await managementToken(fitgate, ['update:users']);
    const web = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({
      ...web!,
      oidcLogout: { backchannelLogoutUrls: [`${receiver.url}/web`], backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['session-revoked'] } },
    });
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  async function silentLogin(browser: Browser): Promise<URLSearchParams> {
    const answer = await browser.get(fitgate.authorizeUrl({ prompt: 'none' }));
    if (!answer.location?.href.startsWith(CLIENT_CALLBACK)) throw new Error(`prompt=none did not answer the client: ${answer.location?.href ?? answer.status}`);
    return answer.location.searchParams;
  }

  it('ends every session signed in before the block, unblocked or not, and tells the subscribed application once', async () => {
    const laptop = fitgate.browser();
    const phone = fitgate.browser();
    await loginAtWebClient(fitgate, laptop);
    await loginAtWebClient(fitgate, phone);

    await patchAlice({ blocked: true });
    await background.settled(10_000);
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
    const claims = decodeJwt(receiver.received[0]!.form.get('logout_token') ?? '');
    expect(claims.sub).toBe(ALICE);
    expect(claims).not.toHaveProperty('sid');

    // Blocking a blocked user, and unblocking, end nothing more.
    await patchAlice({ blocked: true });
    expect((await silentLogin(laptop)).get('error_description')).toBe('user is blocked');
    await patchAlice({ blocked: false });
    await background.settled(10_000);
    expect(receiver.received).toHaveLength(1);

    // The phone never came back while she was blocked: its session did not outlive the block.
    expect((await silentLogin(phone)).get('error')).toBe('login_required');
    await loginAtWebClient(fitgate, phone);
    expect((await silentLogin(phone)).get('code')).toBeTruthy();
  });
});

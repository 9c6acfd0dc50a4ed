import { afterEach, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { describeEachStore } from '../../../support/stores.js';
import { useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, useBackchannelLogout } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');

/**
 * Another user logging in in a browser that has a session ends the previous user's login session:
 * the new one gets a sid of its own, and the applications the previous one answered are sent a
 * back-channel logout token for the previous sid, since no logout will ever end it.
 */
describeEachStore('a new login of another user', (harness) => {
  const backchannel = useBackchannelLogout(harness, emulator);
  afterEach(() => emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' }));

  it("starts a new login session and sends the previous one's clients a logout token for its sid", async () => {
    const { fitgate, receiver, background } = backchannel;
    const browser = fitgate.browser();
    const alice = await loginAtWebClient(fitgate, browser);
    await background.settled(10_000);
    expect(receiver.received).toEqual([]);

    emulator().control.setAutoConsent({ user: 'bob', decision: 'approve' });
    const bob = await loginAtWebClient(fitgate, browser, { prompt: 'login' });
    expect(bob.sub).not.toBe(alice.sub);
    expect(bob.sid).not.toBe(alice.sid);

    await background.settled(10_000);
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
    expect(decodeJwt(receiver.received[0]!.form.get('logout_token') ?? '')).toMatchObject({ sid: alice.sid, sub: alice.sub });

    // Bob's session remembers only what it answered itself: its logout names bob's sid alone.
    receiver.received.length = 0;
    await browser.get(`${fitgate.tenantUrl}/v2/logout`);
    await background.settled(10_000);
    expect(receiver.received.map((got) => decodeJwt(got.form.get('logout_token') ?? '').sid)).toEqual([bob.sid]);
  });
});

import { expect, it } from '@jest/globals';
import pino from 'pino';
import { describeEachStore } from '../../../support/stores.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { backchannelLogoutWarnings, signInAndOut, useBackchannelLogout } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');

/**
 * In production (FITGATE_BACKCHANNEL_ALLOW_INTERNAL off) a back-channel logout URL on fitgate's host
 * that is already stored (saved while the setting was on, or before the rule) is checked again at
 * each logout and never called: nothing reaches the receiver, and the refusal is logged once for that
 * URL, with its reason and never the token, however many logouts follow.
 */
describeEachStore('a stored back-channel logout URL on loopback, in production', (harness) => {
  const log = captureLogLines();
  // Registers the receiver's /web as the web client's back-channel logout URL, as a store may hold it.
  const backchannel = useBackchannelLogout(harness, emulator, {
    logger: pino({ level: 'warn' }, log.destination),
    environment: { NODE_ENV: 'production', FITGATE_RATE_LIMITS: 'off' },
  });

  it('is not called at logout, and the refusal is logged once, without the token', async () => {
    const { fitgate, receiver } = backchannel;
    for (let logout = 0; logout < 2; logout += 1) await signInAndOut(backchannel);

    expect(fitgate.deps.config.env).toBe('production');
    expect(receiver.received).toEqual([]);
    expect(backchannelLogoutWarnings(log.lines)).toEqual([
      expect.objectContaining({
        client_id: fitgate.webClient.clientId,
        host: new URL(receiver.url).host,
        reason:
          'must use https (fitgate calls this URL itself: plain http is allowed only for localhost, 127.0.0.0/8 and [::1], which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)',
        msg: expect.stringContaining('breaks the rule of URLs fitgate calls'),
      }),
    ]);
    expect(log.lines.join('\n')).not.toContain('logout_token');
    expect(log.lines.join('\n')).not.toContain('/web');
  });
});

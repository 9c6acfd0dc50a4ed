import { beforeEach, expect, it } from '@jest/globals';
import pino from 'pino';
import { describeEachStore } from '../../../support/stores.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { backchannelLogoutWarnings, setBackchannelUrl, signInAndOut, useBackchannelLogout } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');

/**
 * A production fitgate whose operator set FITGATE_BACKCHANNEL_ALLOW_INTERNAL=on posts logout tokens
 * to a receiver on its own host, as development does; a URL on fitgate's own port is still never
 * called, and its refusal is logged.
 */
describeEachStore('a back-channel logout URL on loopback, in production with the operator allowing it', (harness) => {
  const log = captureLogLines();
  const backchannel = useBackchannelLogout(harness, emulator, {
    logger: pino({ level: 'warn' }, log.destination),
    environment: { NODE_ENV: 'production', FITGATE_RATE_LIMITS: 'off', FITGATE_BACKCHANNEL_ALLOW_INTERNAL: 'on' },
  });
  beforeEach(() => {
    log.lines.length = 0;
  });

  it('sends the logout token to the receiver on loopback', async () => {
    const { fitgate, receiver } = backchannel;
    await setBackchannelUrl(fitgate, fitgate.webClient, receiver, '/web');
    await signInAndOut(backchannel);
    expect(fitgate.deps.config.env).toBe('production');
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
    expect(receiver.received[0]?.form.get('logout_token')).toEqual(expect.any(String));
    expect(backchannelLogoutWarnings(log.lines)).toEqual([]);
  });

  it("never calls fitgate's own port, and logs why", async () => {
    const { fitgate } = backchannel;
    const client = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({ ...client!, oidcLogout: { backchannelLogoutUrls: [`${fitgate.url}/oauth/revoke`] } });
    await signInAndOut(backchannel);
    const port = new URL(fitgate.url).port;
    expect(backchannelLogoutWarnings(log.lines)).toEqual([
      expect.objectContaining({
        client_id: fitgate.webClient.clientId,
        reason: `must not point at fitgate itself (fitgate calls this URL itself: port ${port} on 127.0.0.1 is its own listener)`,
      }),
    ]);
  });
});

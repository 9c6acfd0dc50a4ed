import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { captureLogLines, WARN, type LogLine } from '../../../support/log_capture.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, setBackchannelUrl } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';

const emulator = useEmulator('alice');

/**
 * In production (FITGATE_BACKCHANNEL_ALLOW_INTERNAL off) a back-channel logout URL on fitgate's host
 * that is already stored (saved while the setting was on, or before the rule) is checked again at
 * each logout and never called: nothing reaches the receiver, and the refusal is logged once for that
 * URL, with its reason and never the token, however many logouts follow.
 */
describeEachStore('a stored back-channel logout URL on loopback, in production', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  const background = new BackgroundWork();
  const log = captureLogLines();

  beforeAll(async () => {
    fitgate = await startFrontChannel({
      store: harness.store(),
      upstream: { kind: 'emulator', emulator: emulator() },
      background,
      logger: pino({ level: 'warn' }, log.destination),
      environment: { NODE_ENV: 'production', FITGATE_RATE_LIMITS: 'off' },
    });
    receiver = await startLogoutReceiver();
    await setBackchannelUrl(fitgate, fitgate.webClient, receiver, '/web');
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  it('is not called at logout, and the refusal is logged once, without the token', async () => {
    for (let logout = 0; logout < 2; logout += 1) {
      const browser = fitgate.browser();
      await loginAtWebClient(fitgate, browser);
      await browser.get(`${fitgate.tenantUrl}/v2/logout`);
      await background.settled(10_000);
    }

    expect(fitgate.deps.config.env).toBe('production');
    expect(receiver.received).toEqual([]);
    const warnings = log.lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level === WARN && line.msg.startsWith('back-channel logout'));
    expect(warnings).toEqual([
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

import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import pino from 'pino';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { captureLogLines, WARN, type LogLine } from '../../../support/log_capture.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient, setBackchannelUrl } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';

const emulator = useEmulator('alice');

/**
 * A production fitgate whose operator set FITGATE_BACKCHANNEL_ALLOW_INTERNAL=on posts logout tokens
 * to a receiver on its own host, as development does; a URL on fitgate's own port is still never
 * called, and its refusal is logged.
 */
describeEachStore('a back-channel logout URL on loopback, in production with the operator allowing it', (harness) => {
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
      environment: {
        NODE_ENV: 'production',
        FITGATE_RATE_LIMITS: 'off',
        FITGATE_BACKCHANNEL_ALLOW_INTERNAL: 'on',
      },
    });
    receiver = await startLogoutReceiver();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    log.lines.length = 0;
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  async function signInAndOut(): Promise<void> {
    const browser = fitgate.browser();
    await loginAtWebClient(fitgate, browser);
    await browser.get(`${fitgate.tenantUrl}/v2/logout`);
    await background.settled(10_000);
  }

  const warnings = () => log.lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level === WARN && line.msg.startsWith('back-channel logout'));

  it('sends the logout token to the receiver on loopback', async () => {
    await setBackchannelUrl(fitgate, fitgate.webClient, receiver, '/web');
    await signInAndOut();
    expect(fitgate.deps.config.env).toBe('production');
    expect(receiver.received.map((got) => got.path)).toEqual(['/web']);
    expect(receiver.received[0]?.form.get('logout_token')).toEqual(expect.any(String));
    expect(warnings()).toEqual([]);
  });

  it("never calls fitgate's own port, and logs why", async () => {
    const client = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    await fitgate.store.clients.update({ ...client!, oidcLogout: { backchannelLogoutUrls: [`${fitgate.url}/oauth/revoke`] } });
    await signInAndOut();
    const port = new URL(fitgate.url).port;
    expect(warnings()).toEqual([
      expect.objectContaining({
        client_id: fitgate.webClient.clientId,
        reason: `must not point at fitgate itself (fitgate calls this URL itself: port ${port} on 127.0.0.1 is its own listener)`,
      }),
    ]);
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { backchannelLogoutWarnings, setAllowedLogoutUrls, setBackchannelUrl } from '../../../support/authn/login_session_helpers.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';

const emulator = useEmulator('alice');
const RETURN_TO = 'https://app.example/signed-out';

/**
 * A client's back-channel logout receiver that hangs or fails never touches the browser's logout:
 * the session ends and the browser is sent back at once, while the logout token is sent in the
 * background; a refusal is logged (client and host, never the token).
 */
describeEachStore('back-channel logout receiver failures', (harness) => {
  let fitgate: FrontChannel;
  let receiver: LogoutReceiver;
  const background = new BackgroundWork();
  const log = captureLogLines();
  let mode: 'hang' | 500 = 'hang';

  beforeAll(async () => {
    fitgate = await startFrontChannel({
      store: harness.store(),
      upstream: { kind: 'emulator', emulator: emulator() },
      background,
      logger: pino({ level: 'warn' }, log.destination),
    });
    receiver = await startLogoutReceiver(() => mode);
    await setAllowedLogoutUrls(fitgate, [RETURN_TO]);
    await setBackchannelUrl(fitgate, fitgate.webClient, receiver, '/logout');
  });
  afterAll(async () => {
    await fitgate.close();
    await receiver.close();
  });

  async function signedIn() {
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    return browser;
  }

  const logoutUrl = () => `${fitgate.tenantUrl}/v2/logout?client_id=${fitgate.webClient.clientId}&returnTo=${encodeURIComponent(RETURN_TO)}`;

  it('answers the logout while the receiver still holds the logout token unanswered', async () => {
    mode = 'hang';
    const browser = await signedIn();
    const answer = await browser.get(logoutUrl());
    expect(answer.status).toBe(302);
    expect(answer.location?.href).toBe(RETURN_TO);
    // The token reaches the receiver after the browser was answered, and is still unanswered.
    const got = await receiver.next();
    expect(got.form.get('logout_token')).toBeTruthy();
    expect(background.pending).toBe(1);
    receiver.release();
    await background.settled(10_000);
    expect(background.pending).toBe(0);
  });

  it('ends the session and sends the browser back when the receiver answers 500, and logs the refusal without the token', async () => {
    mode = 500;
    const browser = await signedIn();
    const answer = await browser.get(logoutUrl());
    expect(answer.location?.href).toBe(RETURN_TO);
    const silent = await browser.get(fitgate.authorizeUrl({ prompt: 'none' }));
    expect(silent.location?.searchParams.get('error')).toBe('login_required');

    const got = await receiver.next();
    await background.settled(10_000);
    expect(backchannelLogoutWarnings(log.lines)).toEqual([
      expect.objectContaining({ client_id: fitgate.webClient.clientId, host: new URL(receiver.url).host, reason: 'answered 500' }),
    ]);
    expect(log.lines.join('\n')).not.toContain(got.form.get('logout_token'));
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { BackgroundWork } from '../../../../src/http/background_work.js';
import { describeEachStore } from '../../../support/stores.js';
import { captureLogLines } from '../../../support/log_capture.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { backchannelLogoutWarnings } from '../../../support/authn/login_session_helpers.js';

const emulator = useEmulator('alice');

/**
 * A back-channel logout URL stored before the rule for URLs fitgate calls itself (https, or plain http
 * on localhost or a literal loopback address) is checked again at each use: `http://*.localhost` is a
 * loopback name to a browser, but Node asks the system resolver, so the logout token could leave the
 * host in cleartext. Nothing is sent, and the log says why (never the token).
 */
describeEachStore('a stored back-channel logout URL fitgate may not call', (harness) => {
  let fitgate: FrontChannel;
  const background = new BackgroundWork();
  const log = captureLogLines();

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background, logger: pino({ level: 'warn' }, log.destination) });
    const client = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
    if (!client) throw new Error('the fixture has no web client');
    await fitgate.store.clients.update({ ...client, oidcLogout: { backchannelLogoutUrls: ['http://receiver.localhost:9/logout'] } });
  });
  afterAll(() => fitgate.close());

  it('is not called at logout, and the refusal is logged', async () => {
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    await browser.get(`${fitgate.tenantUrl}/v2/logout`);
    await background.settled(10_000);
    expect(backchannelLogoutWarnings(log.lines)).toEqual([
      expect.objectContaining({ client_id: fitgate.webClient.clientId, msg: expect.stringContaining('breaks the rule of URLs fitgate calls') }),
    ]);
  });
});

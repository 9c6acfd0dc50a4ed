import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createSealer } from '../../../../../src/store/sealing.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * A connection whose stored client secret fitgate cannot open (sealed under a master key it no
 * longer has) fails the login at /authorize as it would at the callback: the client hears fitgate's
 * own server_error at its redirect_uri, not a fitgate error page it cannot act on, and the
 * sealer's reason stays in the log.
 */
describeEachStore('/authorize through a connection whose client secret cannot be opened', (harness) => {
  let fitgate: FrontChannel;

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    await fitgate.updateConnection({ clientSecret: createSealer([randomBytes(32)]).seal('secret-sealed-elsewhere') });
  });
  afterAll(() => fitgate.close());

  it('sends the client server_error with its state, saying nothing of the secret', async () => {
    const answer = await fitgate.browser().get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'st' }));
    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('error')).toBe('server_error');
    expect(answer.location?.searchParams.get('state')).toBe('st');
    expect(answer.location?.href).not.toMatch(/secret|sealed|master/i);
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createClient } from '../../../../../src/domain/clients.js';
import type { Client } from '../../../../../src/domain/types.js';
import { describeEachStore } from '../../../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * An application named before the name rule refused control characters (straight into the store
 * here) is quoted on the /authorize error page: the page shows each such character as U+FFFD and
 * never writes it raw, since HTML allows no NUL or ESC in a document.
 */
describeEachStore('/authorize quoting an application name that holds control characters', (harness) => {
  let fitgate: FrontChannel;
  let client: Client;

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    ({ client } = await createClient(fitgate.store.clients, { tenant: fitgate.tenant, name: 'a\0b\u001bc\u0085d', appType: 'regular_web', callbacks: ['https://app.example/cb'] }));
  });
  afterAll(() => fitgate.close());

  it('shows the name with U+FFFD in place of each control character', async () => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ client_id: client.clientId, redirect_uri: 'https://elsewhere.example/cb', connection: 'fitbit' }));
    expect(response.status).toBe(400);
    expect(response.text).toContain('application &quot;a\uFFFDb\uFFFDc\uFFFDd&quot;');
    for (const raw of ['\0', '\u001b', '\u0085']) expect(response.text.includes(raw)).toBe(false);
  });
});

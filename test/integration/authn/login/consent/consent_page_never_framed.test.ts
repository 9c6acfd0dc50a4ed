import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { addThirdPartyApp } from '../../../../support/authn/third_party_app.js';

const emulator = useEmulator('alice');

/**
 * The application that gains from an Accept is the one a consent page is shown for, so no page may
 * frame it and lure the person's click onto Accept (clickjacking). That holds for a popup login too
 * (response_mode=web_message), whose answer page the application's origin may frame: the consent
 * page on its way keeps its opener, never a wider frame-ancestors.
 */
describeEachStore('the consent page in a frame', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it.each([['query'], ['web_message']])('refuses every frame when the application asked response_mode=%s', async (responseMode) => {
    const app = await addThirdPartyApp(fitgate);
    await fitgate.store.clients.update({ ...app.client, webOrigins: [new URL(CLIENT_CALLBACK).origin] });
    const { page, hops } = await fitgate.browser().follow(app.authorizeUrl({ connection: 'fitbit', response_mode: responseMode }), CLIENT_CALLBACK);

    expect(hops.at(-1)?.pathname).toBe('/login/consent');
    expect(page?.status).toBe(200);
    const policy = (page?.headers['content-security-policy'] ?? '').split(';').map((directive) => directive.trim());
    expect(policy.filter((directive) => directive.startsWith('frame-ancestors'))).toEqual(["frame-ancestors 'none'"]);
    expect(page?.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

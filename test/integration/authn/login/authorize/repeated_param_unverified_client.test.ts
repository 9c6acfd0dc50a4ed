import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * A repeated parameter is redirected to the client only once client_id and redirect_uri are
 * verified. An attacker's link that repeats a parameter and names a redirect_uri the client never
 * registered, or a client that does not exist, or asks for web_message twice from an origin the
 * client does not list, gets a page (or the response type's default mode): never a redirect or a
 * message the attacker chose.
 */
describeEachStore('/authorize with a repeated parameter before the client is trusted', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  function withRepeats(params: Record<string, string | undefined>, repeats: [string, string][]): URL {
    const url = new URL(fitgate.authorizeUrl(params));
    for (const [name, value] of repeats) url.searchParams.append(name, value);
    return url;
  }

  it.each([
    ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/cb' }],
    ['a prefix of a registered one', { redirect_uri: `${CLIENT_CALLBACK}/../evil` }],
    ['an unknown client', { client_id: 'no-such-client' }],
  ])('shows a page for %s, whatever is repeated', async (_name, params) => {
    const response = await fitgate.browser().get(withRepeats({ ...params, state: 'st-1' }, [['state', 'st-2'], ['scope', 'openid'], ['response_mode', 'form_post']]));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).not.toContain('st-1');
    expect(response.text).not.toContain('<form');
  });

  it('answers web_message asked twice in the default mode at the registered callback, posting to no origin', async () => {
    const response = await fitgate.browser().get(withRepeats({ response_mode: 'web_message', state: 'st-w' }, [['response_mode', 'web_message']]));
    expect(response.status).toBe(302);
    expect(response.location?.href.startsWith(`${CLIENT_CALLBACK}?`)).toBe(true);
    expect(response.location?.searchParams.get('error')).toBe('invalid_request');
    expect(response.text).not.toContain('postMessage');
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * RFC 6749 §3.1: a parameter "MUST NOT be included more than once". Once client_id and redirect_uri
 * are single and verified, the client hears of it at its redirect_uri (§4.1.2.1); a repeat of either
 * of those two is a page, as nothing may be redirected before they are trusted.
 */
describeEachStore('/authorize with a repeated parameter', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  /** The web client's authorization link with `name=value` appended after the parameters it has. */
  function withRepeat(params: Record<string, string | undefined>, name: string, value: string): URL {
    const url = new URL(fitgate.authorizeUrl(params));
    url.searchParams.append(name, value);
    return url;
  }

  it('redirects a repeated scope as invalid_request naming it, with state and iss', async () => {
    const response = await fitgate.browser().get(withRepeat({ state: 'st &1' }, 'scope', 'openid profile'));
    expect(response.status).toBe(302);
    expect(response.location?.href.startsWith(`${CLIENT_CALLBACK}?`)).toBe(true);
    const answer = response.location!.searchParams;
    expect(answer.get('error')).toBe('invalid_request');
    expect(answer.get('error_description')).toBe('The parameter scope was sent more than once.');
    expect(answer.get('state')).toBe('st &1');
    expect(answer.get('iss')).toBe(`${fitgate.tenantUrl}/`);
  });

  it('redirects a repeated state without echoing either value', async () => {
    const response = await fitgate.browser().get(withRepeat({ state: 'st-a' }, 'state', 'st-b'));
    expect(response.status).toBe(302);
    const answer = response.location!.searchParams;
    expect(answer.get('error')).toBe('invalid_request');
    expect(answer.get('error_description')).toBe('The parameter state was sent more than once.');
    expect(answer.has('state')).toBe(false);
    expect(answer.get('iss')).toBe(`${fitgate.tenantUrl}/`);
  });

  it('answers a repeated response_mode in the response type’s default mode, not a requested one', async () => {
    const response = await fitgate.browser().get(withRepeat({ response_mode: 'form_post', state: 'st-m' }, 'response_mode', 'fragment'));
    expect(response.status).toBe(302);
    expect(response.location?.hash).toBe('');
    const answer = response.location!.searchParams;
    expect(answer.get('error_description')).toBe('The parameter response_mode was sent more than once.');
    expect(answer.get('state')).toBe('st-m');
  });

  it.each([
    ['client_id', () => fitgate.webClient.clientId],
    ['redirect_uri', () => CLIENT_CALLBACK],
  ])('shows a repeated %s a page and never redirects, even with the same value twice', async (name, value) => {
    const response = await fitgate.browser().get(withRepeat({}, name, value()));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.text).toContain('<html');
    expect(response.text).toContain(`The parameter ${name} was sent more than once.`);
  });
});

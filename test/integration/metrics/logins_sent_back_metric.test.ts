import { afterEach, expect, it } from '@jest/globals';
import { CLIENT_CALLBACK, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { googleLogin } from '../../support/emulator.js';
import { describeEachStore } from '../../support/stores.js';
import { useMeteredFitgate } from './metrics_fixture.js';

// A login sent back to Google for a refresh token moves fitgate_logins_sent_back_total by one, and
// fitgate_logins_total by one when its second round finishes it; a login that needs no second round
// moves only the latter.

const emulator = useEmulator('alice');
afterEach(() => void emulator().control.revokeUserGrants('alice'));

describeEachStore('logins sent back metric', (harness) => {
  const metered = useMeteredFitgate(harness, () => ({ upstream: { kind: 'emulator', emulator: emulator() } }));

  async function login(): Promise<URL | undefined> {
    const { fitgate } = metered();
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    return arrivedAt;
  }

  it('counts a login sent back once, and the login it then finishes once, by tenant and connection', async () => {
    // Alice consented to the Google client before: her first login through fitgate brings no refresh token.
    await googleLogin(emulator().url, { user: 'alice' });
    const labels = { tenant: metered().fitgate.tenant, connection: 'fitbit' };
    const before = await metered().scrape();

    expect((await login())?.searchParams.get('code')).toEqual(expect.any(String));
    // A returning user holding a refresh token: not sent back.
    expect((await login())?.searchParams.get('code')).toEqual(expect.any(String));

    const after = await metered().scrape();
    const moved = (name: string, wanted: Record<string, string>) => after.value(name, wanted) - before.value(name, wanted);
    expect(moved('fitgate_logins_sent_back_total', labels)).toBe(1);
    expect(moved('fitgate_logins_total', { ...labels, outcome: 'success', reason: 'new_user' })).toBe(1);
    expect(moved('fitgate_logins_total', { ...labels, outcome: 'success', reason: 'existing_user' })).toBe(1);
    expect(moved('fitgate_logins_total', { outcome: 'failure' })).toBe(0);
  });
});

import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * A user's id is `<strategy>|<upstream id>`: a user deleted and signed in again (in another browser)
 * is a new user under the same id. A browser still holding the deleted user's session must not get
 * the new user's codes from it, silently or by single sign-on; it signs in again instead.
 */
describeEachStore('a browser session of a user deleted since', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers prompt=none with login_required and shows the login page once the id signed up again', async () => {
    // Only the clock moves: a sign-in's time is whole seconds, so the new user must be created in a later one.
    jest.useFakeTimers({ advanceTimers: true, doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const stale = fitgate.browser();
    expect((await stale.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK)).arrivedAt?.searchParams.get('code')).toBeTruthy();
    const [user] = (await fitgate.store.users.list(fitgate.tenant, { page: 0, perPage: 10 })).items;
    expect(await fitgate.store.users.delete(fitgate.tenant, user!.userId)).toBe(true);
    jest.setSystemTime(Date.now() + 2000);
    expect((await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK)).arrivedAt?.searchParams.get('code')).toBeTruthy();

    const silent = await stale.get(fitgate.authorizeUrl({ prompt: 'none', state: 'silent' }));
    expect(silent.location?.searchParams.get('error')).toBe('login_required');
    expect(silent.location?.searchParams.get('code')).toBeNull();
    const interactive = await stale.get(fitgate.authorizeUrl({ state: 'sso' }));
    expect(interactive.status).toBe(200);
    expect(interactive.text).toContain('Continue with');
  });
});

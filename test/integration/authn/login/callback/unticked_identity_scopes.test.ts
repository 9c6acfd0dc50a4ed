import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { seriesOf } from '../../../../../src/dashboard/activity/activity_series.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

// On Google's consent page the user may untick every Health permission; Google Health then will not
// say who they are (users/me/identity answers 403), and the plugin reports insufficient_scope. That
// is the user's choice to undo, not a fault an administrator must look into: the application gets
// access_denied telling the user to allow those permissions, and the activity chart counts a
// failed login, not an upstream error.

const emulator = useEmulator();

describeEachStore('a login whose user unticked the permissions that identify them', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api: 'google-health' });
  });
  // With include_granted_scopes, an earlier grant (the other store's run) would count: forget it.
  afterEach(() => {
    emulator().control.setAutoConsent(undefined);
    emulator().control.revokeUserGrants('bob');
  });
  afterAll(() => fitgate.close());

  it('answers the application access_denied asking the user to log in again and allow them, and stores no user', async () => {
    emulator().control.setAutoConsent({ user: 'bob', decision: 'approve', scopes: ['openid', 'email', 'profile'] });

    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'client-st' }), CLIENT_CALLBACK);

    const answer = arrivedAt!.searchParams;
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('error_description')).toBe('The user did not allow, at Google, the permissions that identify them. They must log in again and allow them.');
    expect(answer.get('state')).toBe('client-st');
    expect(answer.get('code')).toBeNull();
    const { items: users } = await fitgate.store.users.list(fitgate.tenant, { page: 0, perPage: 10 });
    expect(users).toEqual([]);
  });

  it('logs a failed login the activity chart counts as the user\'s, not the upstream\'s', async () => {
    emulator().control.setAutoConsent({ user: 'bob', decision: 'approve', scopes: ['openid', 'email', 'profile'] });

    await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);

    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'f' });
    expect(items[0]).toMatchObject({ type: 'f', connection: 'fitbit', details: { error: 'access_denied' } });
    expect(seriesOf(items[0]!)).toBe('failure');
  });
});

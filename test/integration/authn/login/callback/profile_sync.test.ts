import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProfileSyncMode } from '../../../../../src/domain/types.js';
import { DEFAULT_USERS } from '../../../../../src/emulator/index.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const bob = DEFAULT_USERS.find((user) => user.login === 'bob')!;

const emulator = useEmulator('bob');

describeEachStore('profile sync at login', (harness) => {
  describe.each([
    ['on_each_login', 'Robert Walker'],
    ['on_first_login', 'Bob Walker'],
  ] as const)('with %s', (mode: ProfileSyncMode, nameAfterRename) => {
    let fitgate: FrontChannel;
    beforeAll(async () => {
      fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api: 'fitbit-legacy' });
      await fitgate.updateConnection({ profileSync: mode });
    });
    afterAll(async () => {
      emulator().control.addUser(bob);
      await fitgate.close();
    });

    it(`keeps the root name "${nameAfterRename}" after the upstream renames the user`, async () => {
      emulator().control.addUser(bob);
      await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
      emulator().control.addUser({ ...bob, fullName: 'Robert Walker', firstName: 'Robert', displayName: 'Robert W.' });
      await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);

      const user = await fitgate.store.users.get(fitgate.tenant, `fitbit|${bob.legacyUserId}`);
      expect(user?.loginsCount).toBe(2);
      expect(user?.name).toBe(nameAfterRename);
      // The identity's copy of the upstream profile always follows the upstream.
      expect(JSON.stringify(user?.identities[0]?.profileData)).toContain('Robert');
    });
  });
});

import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { startFrontChannel, useEmulator, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';
import { loginThroughWriteFault } from '../../../../support/authn/login_through_write_fault.js';
import { openSqliteTestStore, type TestStore } from '../../../../support/stores.js';
import { shortLivedFileLocked } from './short_lived_file_locked.js';

const emulator = useEmulator('alice');

/**
 * /login/callback's first write is the take of its login (single use). When the store refuses it
 * while it answers reads (the embedded short-lived file locked by another process; rate limits off,
 * so nothing counts the request before), the login is still there: the application hears
 * temporarily_unavailable with its state, and the browser keeps the login's state, so the same
 * callback URL finishes the login once the lock is gone.
 */
describe('/login/callback when the take of its login is refused', () => {
  let testStore: TestStore | undefined;
  let fitgate: FrontChannel | undefined;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    fitgate = await startFrontChannel({ store: testStore.store, upstream: { kind: 'emulator', emulator: emulator() }, environment: { FITGATE_RATE_LIMITS: 'off' } });
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });

  it('sends the client temporarily_unavailable with its state, and the same callback finishes the login once the lock is gone', async () => {
    await loginThroughWriteFault(fitgate!, shortLivedFileLocked(testStore!.location), 'query', false);
  }, 60_000);
});

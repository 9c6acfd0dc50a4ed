import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { startFrontChannel, useEmulator, type FrontChannel } from '../../../../support/authn/front_channel_fixture.js';
import { loginThroughWriteFault } from '../../../../support/authn/login_through_write_fault.js';
import { describeWithRedisServer } from '../../../../support/redis_server.js';
import { openSqliteTestStore, type TestStore } from '../../../../support/stores.js';
import { useFitgateOnFullableRedis } from './redis_full.js';
import { shortLivedFileLocked } from './short_lived_file_locked.js';

const emulator = useEmulator('alice');

/**
 * With the rate limits on (the production default), /login/callback counts the request in the store
 * before it reads the login. While the store refuses writes but answers reads (Redis full under
 * noeviction, the embedded short-lived file locked by another process), that count fails; the
 * application still hears it, as /authorize's would: temporarily_unavailable with its state, in the
 * response mode its login asked for. The login in flight is only read, so once the store accepts
 * writes again the same callback URL finishes it.
 */

/** The limits on, /authorize's high enough for the probes below. */
const LIMITS = { FITGATE_RATE_LIMITS: 'on', FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS: '100000/60' };

describe('/login/callback while the embedded short-lived file is locked, rate limits on', () => {
  let testStore: TestStore | undefined;
  let fitgate: FrontChannel | undefined;
  beforeAll(async () => {
    // Users who never consented to the Google client, in each suite alike (the emulator outlives one):
    // the refresh token comes with the one round these tests step through, as at a first consent.
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
    testStore = await openSqliteTestStore();
    fitgate = await startFrontChannel({ store: testStore.store, upstream: { kind: 'emulator', emulator: emulator() }, environment: LIMITS });
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });

  it('sends the client temporarily_unavailable with its state, and the same callback finishes the login once the lock is gone', async () => {
    await loginThroughWriteFault(fitgate!, shortLivedFileLocked(testStore!.location), 'query', true);
  }, 60_000);
});

describeWithRedisServer('/login/callback while Redis is full, rate limits on', () => {
  const { fitgate, full } = useFitgateOnFullableRedis(emulator, 'callback-full', LIMITS);
  // As above: alice consented in the suite before, and this login steps through one round.
  beforeAll(() => {
    for (const user of emulator().control.users()) emulator().control.revokeUserGrants(user.login);
  });

  it('answers in the response mode the login asked for (form_post), and the same callback finishes the login once Redis has room', async () => {
    await loginThroughWriteFault(fitgate(), full, 'form_post', true);
  }, 60_000);
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const LOGINS = 40;

const emulator = useEmulator('bob');

/**
 * One account logged in to many times at once (a family sharing it, a sync script): every login
 * finishes with a code and counts once, on two instances sharing the store (two workers).
 */
describeEachStore('many parallel logins of one user', (harness) => {
  let first: FrontChannel;
  let second: FrontChannel;
  beforeAll(async () => {
    first = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    // Its own store handle, as a second worker process has.
    second = await first.anotherInstance(await harness.testStore().reopen());
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it(`sends each of ${LOGINS} simultaneous logins back with a code and counts them all`, async () => {
    const logins = Array.from({ length: LOGINS }, (_, index) => {
      const instance = index % 2 === 0 ? first : second;
      return instance.browser().follow(first.authorizeUrl({ connection: 'fitbit', state: `login-${index}` }), CLIENT_CALLBACK);
    });
    const answers = (await Promise.all(logins)).map(({ arrivedAt, page }) => {
      const query = arrivedAt?.searchParams;
      return query?.get('code') ? 'code' : `${query?.get('error') ?? page?.status}: ${query?.get('error_description') ?? ''}`;
    });

    expect(answers).toEqual(Array.from({ length: LOGINS }, () => 'code'));
    const { items } = await first.store.users.list(first.tenant, { page: 0, perPage: 10 });
    expect(items.map((user) => user.loginsCount)).toEqual([LOGINS]);
  }, 60_000);
});

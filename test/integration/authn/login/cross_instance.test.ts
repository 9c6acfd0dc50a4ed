import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { AuthorizationCodeRecord } from '../../../../src/authn/codes/authorization_code.js';
import { describeWithRedis } from '../../../support/redis.js';
import { openRedisTestStore, type TestStore } from '../../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('bob');

describeWithRedis('a login across instances sharing Redis', () => {
  let redis: TestStore;
  let first: FrontChannel;
  let second: FrontChannel;
  beforeAll(async () => {
    redis = await openRedisTestStore('front-cross-instance');
    first = await startFrontChannel({ store: redis.store, upstream: { kind: 'emulator', emulator: emulator() } });
    // Its own connection to Redis, as a second process would have.
    second = await first.anotherInstance(await redis.reopen());
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await redis?.cleanup();
  });

  it('finishes on the second instance a login started on the first', async () => {
    const onFirst = first.browser();
    const toUpstream = await onFirst.get(first.authorizeUrl({ connection: 'fitbit', state: 'across' }));
    const callback = await onFirst.get(toUpstream.location!);

    // The same browser (same cookies), now routed to the other instance.
    const toClient = await onFirst.routedTo(second.url).get(callback.location!);

    expect(toClient.location?.searchParams.get('state')).toBe('across');
    const code = toClient.location?.searchParams.get('code') ?? '';
    const record = await first.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', code);
    expect(record?.userId).toBe('fitbit|bob-93d0aa15');
  });
});

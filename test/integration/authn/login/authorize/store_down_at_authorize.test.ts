import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { EphemeralStore } from '../../../../../src/domain/ports.js';
import { StoreUnavailableError } from '../../../../../src/errors/index.js';
import type { Store } from '../../../../../src/store/store.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');

/**
 * The store going down while /authorize stores its login transaction (tenant and client still in
 * the caches): the client hears temporarily_unavailable, which it may retry, not server_error,
 * whether the error comes wrapped or as the driver threw it (as TRY reads it too).
 */
describeEachStore('/authorize when the store fails to keep the login transaction', (harness) => {
  let fitgate: FrontChannel;
  let storeDown: Error | undefined;

  beforeAll(async () => {
    const store = harness.store();
    const ephemeral = Object.create(store.ephemeral) as EphemeralStore;
    ephemeral.put = async (kind, key, value, ttl) => {
      if (storeDown && kind === 'login_transaction') throw storeDown;
      return store.ephemeral.put(kind, key, value, ttl);
    };
    fitgate = await startFrontChannel({ store: Object.assign(Object.create(store) as Store, { ephemeral }), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  it.each([
    ['as fitgate wraps it', () => new StoreUnavailableError({ cause: new Error('connection lost') })],
    ['as the driver threw it (a database still locked)', () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
  ])('sends the client temporarily_unavailable with its state, the store’s error %s', async (_as, failure) => {
    storeDown = failure();
    const answer = await fitgate.browser().get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'st' }));
    expect(answer.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(answer.location?.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(answer.location?.searchParams.get('state')).toBe('st');
  });
});

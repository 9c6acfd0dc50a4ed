import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { overtakeEveryUserWrite } from '../../../../support/overtaken_user_writes.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A login whose user write keeps losing its race to other writes gives up after its bounded
 * retries: the client gets temporarily_unavailable at its redirect_uri (it may send the user
 * through again at once), not server_error, and no login is counted.
 */
describeEachStore('a login of a user too busy to write', (harness) => {
  let fitgate: FrontChannel;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
  });
  afterAll(() => fitgate.close());

  it('sends the client temporarily_unavailable with its state, and counts no login', async () => {
    restore = overtakeEveryUserWrite(fitgate.store);

    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'busy' }), CLIENT_CALLBACK);

    expect(arrivedAt?.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(arrivedAt?.searchParams.get('state')).toBe('busy');
    expect(arrivedAt?.searchParams.has('code')).toBe(false);
    expect((await fitgate.store.users.get(fitgate.tenant, ALICE))?.loginsCount).toBe(1);
    // Logged as fitgate's own failure, so the activity charts do not blame the upstream.
    const failures = (await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 10, type: 'f' })).items;
    expect(failures[0]?.details).toEqual({ error: 'temporarily_unavailable', source: 'fitgate' });
  });

  it('logs in once the writes stop colliding', async () => {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);

    expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    expect((await fitgate.store.users.get(fitgate.tenant, ALICE))?.loginsCount).toBe(2);
  });
});

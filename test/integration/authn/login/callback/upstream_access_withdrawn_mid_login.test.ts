import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { managementCall, managementToken } from '../../../../support/authn/management_token.js';
import { interposeEmulator, type InterposedEmulator } from '../../../../support/interposed_emulator.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * Deleting a user revokes their grant at the upstream, and with it the access token a login of the
 * same person in flight has just got from its code exchange: the upstream refuses it at the profile
 * call (invalid_token). That login was interrupted, nobody's settings are wrong: the client hears
 * access_denied telling the user to log in again, and the log counts it as the upstream's.
 */
describeEachStore('a login whose fresh upstream access is withdrawn by a delete', (harness) => {
  let upstream: InterposedEmulator;
  let fitgate: FrontChannel;
  let deleter: string;
  beforeAll(async () => {
    upstream = await interposeEmulator(emulator());
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: upstream } });
    deleter = await managementToken(fitgate, ['delete:users']);
  });
  afterAll(async () => {
    await fitgate.close();
    await upstream.close();
  });

  it('sends the client access_denied saying to log in again, blaming no setting', async () => {
    await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    // After the code exchange, before the first profile call: the admin deletes the user.
    upstream.beforeNext('/health.googleapis.com/', async () => {
      await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}`, deleter).expect(204);
    });

    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'withdrawn' }), CLIENT_CALLBACK);

    expect(upstream.waitedFor).toBe(true);
    expect(arrivedAt?.searchParams.get('error')).toBe('access_denied');
    expect(arrivedAt?.searchParams.get('error_description')).toBe(
      'Google withdrew the access it had just granted, before the login could finish (invalid_token); log in again.',
    );
    expect(arrivedAt?.searchParams.get('state')).toBe('withdrawn');
    expect(await fitgate.store.users.get(fitgate.tenant, ALICE)).toBeUndefined();
    const failures = (await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 10, type: 'f' })).items;
    expect(failures[0]?.details).toEqual({ error: 'access_denied', source: 'upstream', upstream_kind: 'invalid_token' });

    const { arrivedAt: again } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(again?.searchParams.get('code')).toBeTruthy();
    expect((await fitgate.store.users.get(fitgate.tenant, ALICE))?.loginsCount).toBe(1);
  });
});

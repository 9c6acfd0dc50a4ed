import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { managementCall, managementToken } from '../../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A connection turned off for an application while one of its logins is at the upstream: the
 * callback signs nobody in through it, as /authorize would refuse the same login now. Otherwise an
 * administrator's switch would leave every login begun in the ten minutes before it (by anyone who
 * prepared them) to finish, the user recorded and the application given a code.
 */
describeEachStore('a login whose connection is turned off for its application meanwhile', (harness) => {
  let fitgate: FrontChannel;
  let admin: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    admin = await managementToken(fitgate, ['update:connections']);
  });
  afterAll(() => fitgate.close());

  const switchFor = (status: boolean) =>
    managementCall(fitgate, 'patch', `/connections/${fitgate.connection.id}/clients`, admin).send([{ client_id: fitgate.webClient.clientId, status }]).expect(204);

  it('sends the application invalid_request, records no user and issues no code', async () => {
    const browser = fitgate.browser();
    const toUpstream = await browser.get(fitgate.authorizeUrl({ connection: 'fitbit', state: 'in-flight' }));
    expect(toUpstream.location?.pathname).toContain('/o/oauth2/v2/auth');
    await switchFor(false);

    const { arrivedAt } = await browser.follow(toUpstream.location!, CLIENT_CALLBACK);

    expect(arrivedAt?.searchParams.get('code')).toBeNull();
    expect(arrivedAt?.searchParams.get('error')).toBe('invalid_request');
    expect(arrivedAt?.searchParams.get('error_description')).toBe('The connection "fitbit" is not enabled for this application.');
    expect(arrivedAt?.searchParams.get('state')).toBe('in-flight');
    expect(await fitgate.store.users.get(fitgate.tenant, ALICE)).toBeUndefined();
    const failures = (await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 10, type: 'f' })).items;
    expect(failures[0]).toMatchObject({ clientId: fitgate.webClient.clientId, connection: 'fitbit' });

    await switchFor(true);
    const { arrivedAt: again } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    expect(again?.searchParams.get('code')).toBeTruthy();
  });
});

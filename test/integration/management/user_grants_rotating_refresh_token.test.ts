import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../support/authn/management_token.js';
import { addThirdPartyApp } from '../../support/authn/third_party_app.js';
import { grantsCall, grantsOf, loginAccepting } from '../../support/authn/user_grants_api.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';
const REFUSED_REFRESH = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

/**
 * A third-party application that rotates its refresh tokens holds, after a refresh, a token minted
 * then, not at the code: it must carry the consent the family was issued under, so a revoked grant
 * refuses it too, and the person's new Accept (a new grant) does not bring it back.
 */
describeEachStore('a rotated refresh token under a revoked grant', (harness) => {
  let fitgate: FrontChannel;
  let token: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    token = await managementToken(fitgate, ['read:grants', 'delete:grants']);
  });
  afterAll(() => fitgate.close());

  it('is refused once the grant is revoked, and stays refused after the person accepts again', async () => {
    const app = await addThirdPartyApp(fitgate);
    await fitgate.store.clients.update({
      ...app.client,
      refreshTokenPolicy: { rotationType: 'rotating', expirationType: 'expiring', leewaySeconds: 0, tokenLifetimeSeconds: 86_400, idleTokenLifetimeSeconds: 3_600 },
    });
    const issued = await app.redeem(await loginAccepting(fitgate, app)).expect(200);
    const rotated = await app.refresh(String(issued.body.refresh_token)).expect(200);
    const successor = String(rotated.body.refresh_token);
    expect(successor).not.toBe(issued.body.refresh_token);

    const [grant] = await grantsOf(fitgate, token, ALICE, app.client.clientId);
    await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(grant!.id)}`, token).expect(204);
    const again = await app.redeem(await loginAccepting(fitgate, app)).expect(200);

    const refused = await app.refresh(successor);
    expect([refused.status, refused.body]).toEqual([400, REFUSED_REFRESH]);
    await app.refresh(String(again.body.refresh_token)).expect(200);
  });
});

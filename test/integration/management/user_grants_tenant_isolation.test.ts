import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../support/authn/management_token.js';
import { addThirdPartyApp, type ThirdPartyApp } from '../../support/authn/third_party_app.js';
import { grantsCall, grantsOf, loginAccepting, loginAsksConsent } from '../../support/authn/user_grants_api.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * The same person signed in at two tenants of one store is a user of each under the same id, with a
 * grant in each: a Management API token of one tenant lists and deletes its own tenant's grants
 * only, whatever id or user_id it sends.
 */
describeEachStore('user grants kept apart by tenant', (harness) => {
  let a: FrontChannel;
  let b: FrontChannel;
  let appA: ThirdPartyApp;
  let appB: ThirdPartyApp;
  let tokenA: string;
  let tokenB: string;
  beforeAll(async () => {
    a = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    b = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    [appA, appB] = [await addThirdPartyApp(a), await addThirdPartyApp(b)];
    await loginAccepting(a, appA);
    await loginAccepting(b, appB);
    tokenA = await managementToken(a, ['read:grants', 'delete:grants']);
    tokenB = await managementToken(b, ['read:grants', 'delete:grants']);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const user = `user_id=${encodeURIComponent(ALICE)}`;

  it("lists only the calling tenant's grants of a user id both tenants have", async () => {
    const listed = await grantsCall(a, 'get', `/grants?${user}`, tokenA).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ clientID: appA.client.clientId, audience: `${a.tenantUrl}/userinfo` })]);
    expect((await grantsCall(a, 'get', `/grants?${user}&client_id=${appB.client.clientId}`, tokenA).expect(200)).body).toEqual([]);
  });

  it("answers 404 to a deletion of another tenant's grant by id, which stays", async () => {
    const [ofB] = await grantsOf(b, tokenB, ALICE, appB.client.clientId);
    const answer = await grantsCall(a, 'delete', `/grants/${encodeURIComponent(ofB!.id)}`, tokenA);
    expect([answer.status, answer.body.errorCode]).toEqual([404, 'inexistent_grant']);
    expect(await grantsOf(b, tokenB, ALICE, appB.client.clientId)).toEqual([ofB]);
  });

  it("deletes only the calling tenant's grants with DELETE /grants?user_id=", async () => {
    await grantsCall(a, 'delete', `/grants?${user}`, tokenA).expect(204);
    expect(await grantsOf(a, tokenA, ALICE, appA.client.clientId)).toEqual([]);
    expect(await grantsOf(b, tokenB, ALICE, appB.client.clientId)).toHaveLength(1);
    expect(await loginAsksConsent(a, appA)).toBe(true);
    expect(await loginAsksConsent(b, appB)).toBe(false);
  });
});

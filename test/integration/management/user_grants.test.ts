import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../support/authn/management_token.js';
import { addThirdPartyApp } from '../../support/authn/third_party_app.js';
import { grantsCall, grantsOf, loginAccepting, loginAsksConsent } from '../../support/authn/user_grants_api.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';
const SCOPE = ['openid', 'profile', 'email', 'offline_access'];
const REFUSED_REFRESH = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

/**
 * Auth0's /api/v2/grants over what people accepted on the consent page, through real logins: the
 * grant an Accept records is listed in Auth0's shape; deleting it (by id, or every grant of a user)
 * makes the application's next login ask again and refuses what was issued under it, refresh tokens
 * and a code not yet exchanged, even after the person accepts again.
 */
describeEachStore('user grants through the Management API', (harness) => {
  let fitgate: FrontChannel;
  let reader: string;
  let deleter: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    reader = await managementToken(fitgate, ['read:grants']);
    deleter = await managementToken(fitgate, ['delete:grants']);
  });
  afterAll(() => fitgate.close());

  it("lists the grant an Accept recorded, in Auth0's shape, with the tenant's /userinfo as its audience", async () => {
    const app = await addThirdPartyApp(fitgate);
    await loginAccepting(fitgate, app);

    const grants = await grantsOf(fitgate, reader, ALICE, app.client.clientId);
    expect(grants).toEqual([{ id: expect.any(String), clientID: app.client.clientId, user_id: ALICE, audience: `${fitgate.tenantUrl}/userinfo`, scope: SCOPE }]);
    // The id is the grant's, stable from one read to the next.
    expect((await grantsOf(fitgate, reader, ALICE, app.client.clientId))[0]?.id).toBe(grants[0]?.id);
  });

  it('revokes a grant by id: the next login asks again, and the refresh tokens issued under it stay refused after a new Accept', async () => {
    const app = await addThirdPartyApp(fitgate);
    const issued = await app.redeem(await loginAccepting(fitgate, app)).expect(200);
    const [grant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);
    expect(await loginAsksConsent(fitgate, app)).toBe(false);

    await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(grant!.id)}`, deleter).expect(204);

    expect(await grantsOf(fitgate, reader, ALICE, app.client.clientId)).toEqual([]);
    const refused = await app.refresh(String(issued.body.refresh_token));
    expect([refused.status, refused.body]).toEqual([400, REFUSED_REFRESH]);
    expect(await loginAsksConsent(fitgate, app)).toBe(true);

    const again = await app.redeem(await loginAccepting(fitgate, app)).expect(200);
    const [newGrant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);
    expect(newGrant?.id).not.toBe(grant!.id);
    const stillRefused = await app.refresh(String(issued.body.refresh_token));
    expect([stillRefused.status, stillRefused.body]).toEqual([400, REFUSED_REFRESH]);
    await app.refresh(String(again.body.refresh_token)).expect(200);
  });

  it('refuses a code issued under a grant revoked before the application exchanged it', async () => {
    const app = await addThirdPartyApp(fitgate);
    const code = await loginAccepting(fitgate, app);
    const [grant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);
    await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(grant!.id)}`, deleter).expect(204);

    const redeemed = await app.redeem(code);
    expect(redeemed.status).toBe(400);
    expect(redeemed.body.error).toBe('invalid_grant');
    expect(redeemed.body.access_token).toBeUndefined();
  });

  it('logs a revocation as a sapi event naming the user', async () => {
    const logReader = await managementToken(fitgate, ['read:logs']);
    const app = await addThirdPartyApp(fitgate);
    await loginAccepting(fitgate, app);
    const [grant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);
    await grantsCall(fitgate, 'delete', `/grants/${grant!.id}`, deleter).expect(204);

    const logs = await grantsCall(fitgate, 'get', '/logs?type=sapi&per_page=1', logReader).expect(200);
    expect(logs.body[0]).toMatchObject({
      type: 'sapi',
      description: 'Delete a grant',
      details: { user_id: ALICE, request: { method: 'DELETE', path: `/api/v2/grants/${grant!.id}` }, response: { statusCode: 204 } },
    });
  });

  it('revokes every grant of a user with DELETE /grants?user_id=, and answers 204 when there is none left', async () => {
    const first = await addThirdPartyApp(fitgate);
    const second = await addThirdPartyApp(fitgate);
    await loginAccepting(fitgate, first);
    await loginAccepting(fitgate, second);

    await grantsCall(fitgate, 'delete', `/grants?user_id=${encodeURIComponent(ALICE)}`, deleter).expect(204);

    expect((await grantsCall(fitgate, 'get', `/grants?user_id=${encodeURIComponent(ALICE)}`, reader).expect(200)).body).toEqual([]);
    expect(await loginAsksConsent(fitgate, first)).toBe(true);
    expect(await loginAsksConsent(fitgate, second)).toBe(true);
    await grantsCall(fitgate, 'delete', `/grants?user_id=${encodeURIComponent(ALICE)}`, deleter).expect(204);
    await grantsCall(fitgate, 'delete', '/grants?user_id=fitbit%7Cnobody', deleter).expect(204);
  });

  it('filters by client_id and audience and pages with page, per_page and include_totals, oldest grant first', async () => {
    await grantsCall(fitgate, 'delete', `/grants?user_id=${encodeURIComponent(ALICE)}`, deleter).expect(204);
    const apps = [await addThirdPartyApp(fitgate), await addThirdPartyApp(fitgate), await addThirdPartyApp(fitgate)];
    for (const app of apps) await loginAccepting(fitgate, app);
    const user = `user_id=${encodeURIComponent(ALICE)}`;
    const list = async (query: string) => (await grantsCall(fitgate, 'get', `/grants?${user}${query}`, reader).expect(200)).body as { clientID: string }[];

    expect((await list('')).map((grant) => grant.clientID)).toEqual(apps.map((app) => app.client.clientId));
    expect((await list(`&client_id=${apps[1]!.client.clientId}`)).map((grant) => grant.clientID)).toEqual([apps[1]!.client.clientId]);
    expect(await list('&client_id=no-such-client')).toEqual([]);
    expect(await list(`&audience=${encodeURIComponent(`${fitgate.tenantUrl}/userinfo`)}`)).toHaveLength(3);
    expect(await list(`&audience=${encodeURIComponent(`${fitgate.tenantUrl}/api/v2/`)}`)).toEqual([]);
    expect(await list('&per_page=1&page=2')).toMatchObject([{ clientID: apps[2]!.client.clientId }]);

    const paged = await grantsCall(fitgate, 'get', `/grants?${user}&per_page=2&page=1&include_totals=true`, reader).expect(200);
    expect(paged.body).toEqual({ start: 2, limit: 2, length: 1, total: 3, grants: [expect.objectContaining({ clientID: apps[2]!.client.clientId })] });
    expect((await grantsCall(fitgate, 'get', '/grants?user_id=fitbit%7Cnobody', reader).expect(200)).body).toEqual([]);
  });
});

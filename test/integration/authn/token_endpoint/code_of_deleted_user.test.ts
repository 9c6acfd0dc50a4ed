import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A code issued to a user deleted before it was redeemed stays dead even once the same person has
 * signed in again, which makes a new user under the same id within the code's minute: it was issued
 * to the deleted user, not to the new one. The new login's own code redeems.
 */
describeEachStore('an authorization code of a user deleted since', (harness) => {
  let fitgate: FrontChannel;
  let deleter: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    deleter = await managementToken(fitgate, ['delete:users']);
  });
  afterAll(() => fitgate.close());

  async function codeOfNewLogin(): Promise<string> {
    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const code = arrivedAt?.searchParams.get('code');
    if (!code) throw new Error(`the login sent no code: ${arrivedAt?.href ?? 'no redirect'}`);
    return code;
  }

  const exchange = (code: string) =>
    request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK });

  it('is refused as invalid_grant once the same person has signed in again, and the new login\'s code redeems', async () => {
    const before = await codeOfNewLogin();
    await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(ALICE)}`, deleter).expect(204);
    const after = await codeOfNewLogin();
    expect(await fitgate.store.users.get(fitgate.tenant, ALICE)).toBeDefined();

    const refused = await exchange(before).expect(400);
    expect(refused.body).toEqual({ error: 'invalid_grant', error_description: 'the user of this grant no longer exists' });

    const issued = await exchange(after).expect(200);
    const userinfo = await request(fitgate.url)
      .get('/userinfo')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .set('Authorization', `Bearer ${issued.body.access_token as string}`)
      .expect(200);
    expect(userinfo.body.sub).toBe(ALICE);
  });
});

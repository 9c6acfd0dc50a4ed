import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { updateUser } from '../../../src/domain/user_updates.js';
import { describeEachStore } from '../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../support/authn/management_token.js';
import { addThirdPartyApp, answerConsent, consentFormOf } from '../../support/authn/third_party_app.js';
import { grantsCall, grantsOf, loginAccepting, loginAsksConsent } from '../../support/authn/user_grants_api.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * Grants recorded by the consent page before grants kept an id (`{clientId, scope, grantedAt}` on
 * the user record) go on working on either store: listed under an id derived from the tenant, user
 * and application, the same at every read, which a deletion takes, and which the next Accept keeps.
 */
describeEachStore('user grants stored without an id', (harness) => {
  let fitgate: FrontChannel;
  let token: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    token = await managementToken(fitgate, ['read:grants', 'delete:grants']);
  });
  afterAll(() => fitgate.close());

  /** Rewrites the user's grants as the consent page stored them before ids. */
  const asStoredBefore = () =>
    updateUser(fitgate.store.users, fitgate.tenant, ALICE, (user) => ({ ...user, grants: (user.grants ?? []).map(({ clientId, scope, grantedAt }) => ({ clientId, scope, grantedAt })) }));

  it('lists such a grant under a stable id, honours it at the next login, and keeps the id through a new Accept', async () => {
    const app = await addThirdPartyApp(fitgate);
    await loginAccepting(fitgate, app);
    const [recorded] = await grantsOf(fitgate, token, ALICE, app.client.clientId);
    await asStoredBefore();

    const [derived] = await grantsOf(fitgate, token, ALICE, app.client.clientId);
    expect(derived).toEqual({ ...recorded, id: expect.any(String) });
    expect(derived!.id).not.toBe(recorded!.id);
    expect((await grantsOf(fitgate, token, ALICE, app.client.clientId))[0]?.id).toBe(derived!.id);

    const browser = fitgate.browser();
    const { arrivedAt } = await browser.follow(app.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const tokens = await app.redeem(arrivedAt?.searchParams.get('code') ?? '').expect(200);
    await app.refresh(String(tokens.body.refresh_token)).expect(200);

    const forced = await browser.follow(app.authorizeUrl({ connection: 'fitbit', prompt: 'consent' }), CLIENT_CALLBACK);
    await answerConsent(fitgate, browser, consentFormOf(forced.page!), 'accept');
    expect((await grantsOf(fitgate, token, ALICE, app.client.clientId))[0]?.id).toBe(derived!.id);
  });

  it('deletes such a grant by its derived id: the next login asks again and its refresh tokens are refused', async () => {
    const app = await addThirdPartyApp(fitgate);
    await loginAccepting(fitgate, app);
    await asStoredBefore();
    const { arrivedAt } = await fitgate.browser().follow(app.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const tokens = await app.redeem(arrivedAt?.searchParams.get('code') ?? '').expect(200);
    const [derived] = await grantsOf(fitgate, token, ALICE, app.client.clientId);

    await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(derived!.id)}`, token).expect(204);

    expect(await grantsOf(fitgate, token, ALICE, app.client.clientId)).toEqual([]);
    expect(await loginAsksConsent(fitgate, app)).toBe(true);
    expect((await app.refresh(String(tokens.body.refresh_token))).status).toBe(400);
  });
});

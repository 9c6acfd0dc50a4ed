import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { startFrontChannel, type FrontChannel, useEmulator } from '../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../support/authn/management_token.js';
import { addThirdPartyApp, type ThirdPartyApp } from '../../support/authn/third_party_app.js';
import { grantsCall, grantsOf, loginAccepting, type GrantJson } from '../../support/authn/user_grants_api.js';

const emulator = useEmulator('alice');

const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * What /api/v2/grants refuses, in the Management API's error format and never with a 500: a list
 * that names no user (fitgate does not scan every user for it), a grant the tenant does not hold,
 * and a token without read:grants or delete:grants. A refused deletion leaves the grant as it was.
 */
describeEachStore('user grants refused', (harness) => {
  let fitgate: FrontChannel;
  let every: string;
  let app: ThirdPartyApp;
  let grant: GrantJson;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    every = await managementToken(fitgate, ['read:grants', 'delete:grants']);
    app = await addThirdPartyApp(fitgate);
    await loginAccepting(fitgate, app);
    [grant] = (await grantsOf(fitgate, every, ALICE, app.client.clientId)) as [GrantJson];
  });
  afterAll(() => fitgate.close());

  const stillThere = async () => expect(await grantsOf(fitgate, every, ALICE, app.client.clientId)).toEqual([grant]);

  it.each([
    ['no filter', ''],
    ['client_id alone', `?client_id=${'x'}`],
    ['an empty user_id', '?user_id='],
  ])('answers a list with %s 400 naming user_id', async (_case, query) => {
    const answer = await grantsCall(fitgate, 'get', `/grants${query}`, every);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_query_string' });
    expect(answer.body.message).toContain('user_id');
  });

  it('answers a deletion of every grant without user_id 400, in Auth0\'s words', async () => {
    const answer = await grantsCall(fitgate, 'delete', '/grants', every);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: "Query validation error: 'Missing required property: user_id'.", errorCode: 'invalid_query_string' });
    await stillThere();
  });

  it.each([
    ['text that is no grant id', () => 'not-a-grant'],
    ['an id of the same user that names no grant', () => `${grant.id.split('.')[0]!}.AAAAAAAAAAAAAAAAAAAAAA`],
    ['an id of a user the tenant does not have', () => `${Buffer.from('fitbit|nobody').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`],
  ])('answers a deletion of %s 404 inexistent_grant', async (_case, idOf) => {
    const id = idOf();
    const answer = await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(id)}`, every);
    expect(answer.body).toEqual({ statusCode: 404, error: 'Not Found', message: `The grant does not exist: ${id}`, errorCode: 'inexistent_grant' });
    await stillThere();
  });

  it('answers 404 to a deletion by id whose user_id names another user, and deletes with the grant\'s own', async () => {
    const other = await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(grant.id)}?user_id=fitbit%7Cnobody`, every);
    expect([other.status, other.body.errorCode]).toEqual([404, 'inexistent_grant']);
    await stillThere();
    await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(grant.id)}?user_id=${encodeURIComponent(ALICE)}`, every).expect(204);
    const again = await grantsCall(fitgate, 'delete', `/grants/${encodeURIComponent(grant.id)}`, every);
    expect([again.status, again.body.errorCode]).toEqual([404, 'inexistent_grant']);
    await loginAccepting(fitgate, app);
    [grant] = (await grantsOf(fitgate, every, ALICE, app.client.clientId)) as [GrantJson];
  });

  it('refuses a list without read:grants and a deletion without delete:grants, 403 naming the scope', async () => {
    const readOnly = await managementToken(fitgate, ['read:grants', 'read:users']);
    const deleteOnly = await managementToken(fitgate, ['delete:grants', 'delete:users']);
    const list = await grantsCall(fitgate, 'get', `/grants?user_id=${encodeURIComponent(ALICE)}`, deleteOnly);
    expect(list.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:grants', errorCode: 'insufficient_scope' });
    for (const path of [`/grants/${encodeURIComponent(grant.id)}`, `/grants?user_id=${encodeURIComponent(ALICE)}`]) {
      const removal = await grantsCall(fitgate, 'delete', path, readOnly);
      expect(removal.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: delete:grants', errorCode: 'insufficient_scope' });
    }
    await stillThere();
  });
});

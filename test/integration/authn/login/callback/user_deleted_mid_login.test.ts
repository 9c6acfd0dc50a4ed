import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { managementCall, managementToken } from '../../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A user deleted while their login is being recorded: the login read the user, the delete removed
 * them, and its write of the user finds none. The login goes on as the first login it would have
 * been had it started after the delete: the user is created anew and the client gets its code.
 */
describeEachStore('a login whose user is deleted while it is recorded', (harness) => {
  let fitgate: FrontChannel;
  let deleter: string;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    deleter = await managementToken(fitgate, ['delete:users']);
  });
  afterEach(() => {
    restore?.();
    restore = undefined;
  });
  afterAll(() => fitgate.close());

  /** The next write of a user is preceded by DELETE /api/v2/users/{id} of that user, as an admin's call landing between the login's read and write. */
  function deleteBeforeNextUserWrite(): void {
    const users = fitgate.store.users;
    const update = users.update.bind(users);
    users.update = async (user) => {
      restore?.();
      await managementCall(fitgate, 'delete', `/users/${encodeURIComponent(user.userId)}`, deleter).expect(204);
      return update(user);
    };
    restore = () => {
      delete (users as Partial<typeof users>).update;
      restore = undefined;
    };
  }

  it('creates the user anew and sends the client a code that redeems', async () => {
    await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const deleted = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(deleted?.loginsCount).toBe(1);
    deleteBeforeNextUserWrite();

    const { arrivedAt } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', state: 'mid-delete' }), CLIENT_CALLBACK);

    expect(restore).toBeUndefined();
    expect(arrivedAt?.searchParams.get('error_description') ?? null).toBeNull();
    expect(arrivedAt?.searchParams.get('state')).toBe('mid-delete');
    const code = arrivedAt?.searchParams.get('code');
    expect(code).toBeTruthy();
    const recreated = await fitgate.store.users.get(fitgate.tenant, ALICE);
    expect(recreated?.loginsCount).toBe(1);
    expect(Date.parse(recreated?.createdAt ?? '')).toBeGreaterThan(Date.parse(deleted?.createdAt ?? ''));
    const failures = (await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 10, type: 'f' })).items;
    expect(failures).toEqual([]);

    const tokens = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code: code ?? '', redirect_uri: CLIENT_CALLBACK })
      .expect(200);
    const userinfo = await request(fitgate.url)
      .get('/userinfo')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .set('Authorization', `Bearer ${tokens.body.access_token as string}`)
      .expect(200);
    expect(userinfo.body.sub).toBe(ALICE);
  });
});

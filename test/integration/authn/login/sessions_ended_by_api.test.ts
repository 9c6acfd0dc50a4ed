import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../../../src/domain/management_scopes.js';
import { buildTenant } from '../../../../src/domain/tenants.js';
import { describeEachStore } from '../../../support/stores.js';
import type { Browser } from '../../../support/authn/browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';
import { loginAtWebClient } from '../../../support/authn/login_session_helpers.js';
import { managementCall, managementToken } from '../../../support/authn/management_token.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';
const sessionsOf = (userId: string) => `/users/${encodeURIComponent(userId)}/sessions`;

/**
 * DELETE /api/v2/users/{id}/sessions (Auth0's "Delete sessions for user", scope delete:sessions):
 * every browser the user signed in at before it gets no single sign-on any more, while a login
 * afterwards is a new login session that answers as usual.
 */
describeEachStore('DELETE /api/v2/users/{id}/sessions', (harness) => {
  let fitgate: FrontChannel;
  let token: string;

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    token = await managementToken(fitgate, ['delete:sessions']);
  });
  afterAll(() => fitgate.close());

  /** What prompt=none answers the browser with: the code, or the error. */
  async function silentLogin(browser: Browser): Promise<{ code: string | null; error: string | null }> {
    const answer = await browser.get(fitgate.authorizeUrl({ prompt: 'none' }));
    if (!answer.location?.href.startsWith(CLIENT_CALLBACK)) throw new Error(`prompt=none did not answer the client: ${answer.location?.href ?? answer.status}`);
    return { code: answer.location.searchParams.get('code'), error: answer.location.searchParams.get('error') };
  }

  it('ends every browser signed in before: prompt=none answers login_required; a new login afterwards is a new session that answers', async () => {
    const laptop = fitgate.browser();
    const phone = fitgate.browser();
    const before = await loginAtWebClient(fitgate, laptop);
    await loginAtWebClient(fitgate, phone);
    expect((await silentLogin(laptop)).code).toBeTruthy();

    const ended = await managementCall(fitgate, 'delete', sessionsOf(ALICE), token);
    expect(ended.status).toBe(202);
    expect(ended.text).toBe('');

    expect(await silentLogin(laptop)).toEqual({ code: null, error: 'login_required' });
    expect(await silentLogin(phone)).toEqual({ code: null, error: 'login_required' });

    const after = await loginAtWebClient(fitgate, laptop);
    expect(after.sub).toBe(ALICE);
    // The ended sign-in passes nothing on: the new login session has a sid of its own.
    expect(after.sid).not.toBe(before.sid);
    expect((await silentLogin(laptop)).code).toBeTruthy();
    expect((await silentLogin(phone)).error).toBe('login_required');
  });

  it('answers 404 inexistent_user for a user the tenant does not have, a user of another tenant included, and changes no one', async () => {
    const other = await buildTenant(`${fitgate.tenant}x`, fitgate.deps.sealer);
    await fitgate.store.tenants.create(other);
    const now = new Date().toISOString();
    await fitgate.store.users.create({ tenant: other.name, userId: 'fitbit|other-tenant', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });

    for (const userId of ['fitbit|nobody', 'fitbit|other-tenant']) {
      const refused = await managementCall(fitgate, 'delete', sessionsOf(userId), token);
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual({ statusCode: 404, error: 'Not Found', message: `The user does not exist: ${userId}`, errorCode: 'inexistent_user' });
    }
    expect((await fitgate.store.users.get(other.name, 'fitbit|other-tenant'))?.sessionsEndedAt).toBeUndefined();
  });

  it('answers 403 insufficient_scope to a token with every scope but delete:sessions, and the browser stays signed in', async () => {
    const browser = fitgate.browser();
    await loginAtWebClient(fitgate, browser);
    const others = await managementToken(fitgate, MANAGEMENT_API_SCOPES.filter((scope) => scope !== 'delete:sessions'));

    const refused = await managementCall(fitgate, 'delete', sessionsOf(ALICE), others);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errorCode: 'insufficient_scope', message: 'Insufficient scope, expected any of: delete:sessions' });
    expect((await silentLogin(browser)).code).toBeTruthy();
  });
});

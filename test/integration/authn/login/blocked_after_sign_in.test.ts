import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';

/**
 * A user blocked after signing in: neither the single sign-on session nor a code issued before the
 * block gets tokens any more. (A blocked user's new logins and refresh tokens: callback/blocked_user.)
 */
describeEachStore('a user blocked after signing in', (harness) => {
  let fitgate: FrontChannel;
  let browser: ReturnType<FrontChannel['browser']>;
  let codeBeforeBlock: string;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    browser = fitgate.browser();
    const { arrivedAt } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    codeBeforeBlock = arrivedAt?.searchParams.get('code') ?? '';
    const alice = await fitgate.store.users.get(fitgate.tenant, ALICE);
    await fitgate.store.users.update({ ...alice!, blocked: true });
  });
  afterAll(() => fitgate.close());

  it('cannot redeem a code issued before the block', async () => {
    const refused = await request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
      .type('form')
      .send({ grant_type: 'authorization_code', code: codeBeforeBlock, redirect_uri: CLIENT_CALLBACK });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant', error_description: 'user is blocked' });
    expect(refused.body).not.toHaveProperty('access_token');
  });

  it("gets no code from the session: prompt=none answers Auth0's unauthorized (user is blocked) and ends the session", async () => {
    const refused = await browser.get(fitgate.authorizeUrl({ prompt: 'none', state: 'silent' }));
    expect(refused.location?.href.startsWith(CLIENT_CALLBACK)).toBe(true);
    expect(refused.location?.searchParams.get('error')).toBe('unauthorized');
    expect(refused.location?.searchParams.get('error_description')).toBe('user is blocked');
    expect(refused.location?.searchParams.get('state')).toBe('silent');
    expect(refused.location?.searchParams.has('code')).toBe(false);

    // Unblocked, she must sign in again: the session did not survive the refusal.
    const alice = await fitgate.store.users.get(fitgate.tenant, ALICE);
    await fitgate.store.users.update({ ...alice!, blocked: false });
    const after = await browser.get(fitgate.authorizeUrl({ prompt: 'none', state: 'again' }));
    expect(after.location?.searchParams.get('error')).toBe('login_required');
  });
});

import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import type { AuthorizationCodeRecord } from '../../../../../src/authn/codes/authorization_code.js';
import { markNeedsReauthorization } from '../../../../../src/domain/identity_status.js';
import { updateIdentity } from '../../../../../src/domain/stored_identity.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../../../support/authn/management_token.js';
import { DEMO, googleLogin } from '../../../../support/emulator.js';
import { describeEachStore } from '../../../../support/stores.js';

const emulator = useEmulator();

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
/** The users' Google Health ids, as the emulator seeds them: their fitgate user is `fitbit|<id>`. */
const HEALTH_ID = { alice: 'alice-4f1c2b7e' } as const;

/**
 * Google sends a refresh token only at a user's first consent to a client, or at one forced with
 * prompt=consent. A login that brings none, for a user fitgate holds none for, is not finished: the
 * browser goes back to Google once, for the same client request, with prompt=consent, and the
 * second round finishes the login with the refresh token it brings. A returning user whose identity
 * keeps its refresh token goes upstream once, as before.
 */
describeEachStore('a login that brings no refresh token', (harness) => {
  let fitgate: FrontChannel;

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());
  afterEach(async () => {
    emulator().control.reset();
    emulator().control.addRedirectUri(DEMO.googleServer.clientId, `${fitgate.tenantUrl}/login/callback`);
    await fitgate.store.users.delete(fitgate.tenant, `fitbit|${HEALTH_ID.alice}`).catch(() => undefined);
  });

  /** Alice signs in through fitgate, approving every Google page; the hops her browser made on the way. */
  async function logIn(params: Record<string, string> = {}) {
    emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
    const { arrivedAt, hops } = await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit', ...params }), CLIENT_CALLBACK);
    const atGoogle = hops.filter((hop) => hop.pathname.endsWith('/accounts.google.com/o/oauth2/v2/auth'));
    return { arrivedAt, atGoogle };
  }

  const storedIdentity = async () => (await fitgate.store.users.get(fitgate.tenant, `fitbit|${HEALTH_ID.alice}`))?.identities[0];

  it('sends a new user who consented to the Google client before back to Google once, with prompt=consent, for the same client request', async () => {
    // Alice consented to this Google client before fitgate saw her (another app of its owner, a fitgate she was deleted from).
    expect((await googleLogin(emulator().url, { user: 'alice' })).body.refresh_token).toEqual(expect.any(String));

    const { arrivedAt, atGoogle } = await logIn({ state: 'client-st', nonce: 'n-0S6', code_challenge: CHALLENGE, code_challenge_method: 'S256' });

    expect(atGoogle).toHaveLength(2);
    expect(atGoogle[0]!.searchParams.get('prompt')).toBeNull();
    expect(atGoogle[1]!.searchParams.get('prompt')).toBe('consent');
    expect(atGoogle[1]!.searchParams.get('access_type')).toBe('offline');
    // A new round: its own upstream state and PKCE pair.
    expect(atGoogle[1]!.searchParams.get('state')).not.toBe(atGoogle[0]!.searchParams.get('state'));
    expect(atGoogle[1]!.searchParams.get('code_challenge')).not.toBe(atGoogle[0]!.searchParams.get('code_challenge'));
    expect(arrivedAt?.searchParams.get('state')).toBe('client-st');
    const code = arrivedAt?.searchParams.get('code') ?? '';
    expect(await fitgate.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', code)).toMatchObject({
      clientId: fitgate.webClient.clientId,
      redirectUri: CLIENT_CALLBACK,
      userId: `fitbit|${HEALTH_ID.alice}`,
      nonce: 'n-0S6',
      codeChallenge: CHALLENGE,
      connection: 'fitbit',
    });
    // Recorded once, by the second round.
    const user = await fitgate.store.users.get(fitgate.tenant, `fitbit|${HEALTH_ID.alice}`);
    expect(user?.loginsCount).toBe(1);
    expect(user?.identities[0]?.tokens?.refreshToken).toEqual(expect.any(String));
  });

  it('stores a refresh token the token vault renews the user’s Google token with, as the Management API shows it', async () => {
    await googleLogin(emulator().url, { user: 'alice' });
    // Google's access tokens now expire within the vault's refresh window.
    emulator().control.setSettings({ googleAccessTokenTtlSeconds: 60 });
    expect((await logIn()).arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    const token = await managementToken(fitgate, ['read:users', 'read:user_idp_tokens']);
    const refreshesBefore = emulator().control.counters()['google-health'].refreshes;

    const read = await request(fitgate.url)
      .get(`/api/v2/users/${encodeURIComponent(`fitbit|${HEALTH_ID.alice}`)}`)
      .set('Host', new URL(fitgate.tenantUrl).host)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);

    expect(read.body.identities[0]).toMatchObject({ connection: 'fitbit', status: 'connected', access_token: expect.any(String) });
    expect(emulator().control.counters()['google-health'].refreshes).toBe(refreshesBefore + 1);
  });

  it('goes to Google once for a returning user whose identity keeps its refresh token, and keeps that token', async () => {
    // Her first consent to the client: the refresh token comes in the one round.
    expect((await logIn()).atGoogle).toHaveLength(1);
    const kept = (await storedIdentity())?.tokens?.refreshToken;
    expect(kept).toEqual(expect.any(String));

    const again = await logIn();

    expect(again.atGoogle).toHaveLength(1);
    expect(again.arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    const identity = await storedIdentity();
    expect(fitgate.deps.sealer.open(identity!.tokens!.refreshToken!)).toBe(fitgate.deps.sealer.open(kept!));
    expect((await fitgate.store.users.get(fitgate.tenant, `fitbit|${HEALTH_ID.alice}`))?.loginsCount).toBe(2);
  });

  it('sends back a returning user whose stored tokens were dropped, and reconnects them with a refresh token', async () => {
    await logIn();
    // As the vault leaves an identity whose refresh token Google refused: the tokens dropped, the grant at Google kept.
    const ref = { tenant: fitgate.tenant, userId: `fitbit|${HEALTH_ID.alice}`, connection: 'fitbit', upstreamUserId: HEALTH_ID.alice };
    await updateIdentity(fitgate.store.users, ref, (current) => markNeedsReauthorization(current, 'refresh_token_rejected', new Date()), new Date());

    const again = await logIn();

    expect(again.atGoogle.map((hop) => hop.searchParams.get('prompt'))).toEqual([null, 'consent']);
    expect(again.arrivedAt?.searchParams.get('code')).toEqual(expect.any(String));
    expect(await storedIdentity()).toMatchObject({ status: 'connected', tokens: { refreshToken: expect.any(String) } });
  });
});

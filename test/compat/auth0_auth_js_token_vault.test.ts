import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOKEN_VAULT_GRANT_TYPE } from '../../src/domain/grant_types.js';
import type { Identity } from '../../src/domain/types.js';
import { CompatBrowser, continueWithFitbit } from '../support/compat/compat_browser.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { startRelyingParty, type RelyingParty } from '../support/compat/relying_party.js';
import { emulatorEndpoints, getJson } from '../support/emulator.js';

/** What test/support/compat/apps/auth0_auth_js_token_vault.mjs answers for one SDK call. */
interface SdkAnswer {
  /** The SDK process's clock (seconds) just before and after the call. */
  before: number;
  after: number;
  token?: {
    accessToken: string;
    expiresAt: number;
    tokenType?: string;
    issuedTokenType?: string;
    scope?: string;
    refreshToken?: string;
    idToken?: string;
  };
  error?: { name: string; code: string; message: string; statusCode?: number; cause?: { error: string; error_description: string } };
}

const UPSTREAM_ACCESS_TOKEN_TYPE = 'http://auth0.com/oauth/token-type/federated-connection-access-token';

/**
 * @auth0/auth0-auth-js unchanged, on Token Vault: a user signs in with offline_access to an
 * application holding the Token Vault grant, and the application's refresh token is traded through
 * the SDK's getTokenForConnection and exchangeToken (its Token Vault payload) for the user's access
 * token at the Fitbit connection's upstream: the one the emulator takes now, with the expiresAt the
 * SDK computes from fitgate's expires_in. A refusal reaches the application as the SDK's error
 * carrying fitgate's OAuth error code.
 */
describe('@auth0/auth0-auth-js with Token Vault', () => {
  let fitgate: FitgateBehindTls;
  let app: RelyingParty;
  let userId: string;

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({
      name: 'auth-js Token Vault app',
      appType: 'regular_web',
      grantTypes: ['authorization_code', 'refresh_token', TOKEN_VAULT_GRANT_TYPE],
    });
    app = await startRelyingParty('auth0_auth_js_token_vault', { domain: fitgate.domain, clientId: client.clientId, clientSecret }, fitgate.certificate.caFile);
    await fitgate.store.clients.update({ ...client, callbacks: [`${app.url}/callback`] });

    const browser = new CompatBrowser(fitgate.certificate.certPem);
    const start = await browser.follow(`${app.url}/login`);
    const { page } = await browser.follow(continueWithFitbit(start.page));
    const signedIn = JSON.parse(page.text) as { sub?: string; refreshToken?: boolean };
    if (page.status !== 200 || !signedIn.sub || signedIn.refreshToken !== true) throw new Error(`the sign-in left no refresh token: ${page.status} ${page.text}`);
    userId = signedIn.sub;
  });
  afterAll(async () => {
    await app?.close();
    await fitgate?.close();
  });

  const call = async (route: 'token-for-connection' | 'exchange', connection: string): Promise<SdkAnswer> => {
    const response = await fetch(`${app.url}/${route}?connection=${encodeURIComponent(connection)}`);
    return (await response.json()) as SdkAnswer;
  };
  const fitbitIdentity = async (): Promise<Identity> => {
    const user = await fitgate.store.users.get(fitgate.tenant, userId);
    const identity = user?.identities.find((candidate) => candidate.connection === 'fitbit');
    if (!identity?.tokens) throw new Error(`${userId} has no Fitbit identity with tokens`);
    return identity;
  };
  const upstreamStatus = async (accessToken: string) => (await getJson(emulatorEndpoints(fitgate.emulator.url).google.identity, accessToken)).status;

  it("getTokenForConnection({ connection, refreshToken }) answers with the user's current upstream access token", async () => {
    const identity = await fitbitIdentity();

    const answer = await call('token-for-connection', 'fitbit');

    expect(answer.error).toBeUndefined();
    expect(answer.token).toEqual({
      accessToken: fitgate.deps.sealer.open(identity.tokens!.accessToken),
      expiresAt: expect.any(Number),
      tokenType: 'bearer',
      issuedTokenType: UPSTREAM_ACCESS_TOKEN_TYPE,
      scope: identity.grantedScopes.join(' '),
    });
    // The SDK's expiresAt is its clock plus expires_in: the stored upstream expiry, to the second.
    expect(Math.abs(answer.token!.expiresAt - Math.floor(identity.tokens!.expiresAt / 1000))).toBeLessThanOrEqual(2);
    expect(answer.token!.expiresAt).toBeGreaterThan(answer.after + 5 * 60);
    expect(await upstreamStatus(answer.token!.accessToken)).toBe(200);
  });

  it('exchangeToken with a Token Vault payload answers with the token the vault refreshed at the upstream once the stored one died', async () => {
    const identity = await fitbitIdentity();
    const old = fitgate.deps.sealer.open(identity.tokens!.accessToken);
    const user = (await fitgate.store.users.get(fitgate.tenant, userId))!;
    await fitgate.store.users.update({
      ...user,
      identities: user.identities.map((candidate) => (candidate.connection === 'fitbit' ? { ...candidate, tokens: { ...candidate.tokens!, expiresAt: Date.now() - 1000 } } : candidate)),
    });
    fitgate.emulator.control.expireAccessTokens();
    expect(await upstreamStatus(old)).toBe(401);

    const answer = await call('exchange', 'fitbit');

    expect(answer.error).toBeUndefined();
    const refreshed = await fitbitIdentity();
    const fresh = fitgate.deps.sealer.open(refreshed.tokens!.accessToken);
    expect(fresh).not.toBe(old);
    expect(answer.token).toEqual({
      accessToken: fresh,
      expiresAt: expect.any(Number),
      tokenType: 'bearer',
      issuedTokenType: UPSTREAM_ACCESS_TOKEN_TYPE,
      scope: refreshed.grantedScopes.join(' '),
    });
    expect(Math.abs(answer.token!.expiresAt - Math.floor(refreshed.tokens!.expiresAt / 1000))).toBeLessThanOrEqual(2);
    expect(answer.token!.expiresAt).toBeGreaterThan(answer.after + 5 * 60);
    expect(await upstreamStatus(fresh)).toBe(200);
  });

  it("surfaces a connection not enabled for the application as the SDK's errors, carrying invalid_request", async () => {
    const refusal = { statusCode: 400, cause: { error: 'invalid_request', error_description: 'The connection "google-oauth2" is not enabled for this application.' } };

    expect((await call('token-for-connection', 'google-oauth2')).error).toEqual({
      name: 'TokenForConnectionErrorCode',
      code: 'token_for_connection_error',
      message: "Failed to exchange token for connection 'google-oauth2'.",
      ...refusal,
    });
    expect((await call('exchange', 'google-oauth2')).error).toEqual({
      name: 'TokenExchangeError',
      code: 'token_exchange_error',
      message: "Failed to exchange token for connection 'google-oauth2'.",
      ...refusal,
    });
  });
});

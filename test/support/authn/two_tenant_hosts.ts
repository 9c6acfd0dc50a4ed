import request from 'supertest';
import { ownDomainUrl } from '../../../src/domain/tenants.js';
import { DEMO, type TestEmulator } from '../emulator.js';
import { Browser } from './browser.js';
import { CLIENT_CALLBACK, type FrontChannel } from './front_channel_fixture.js';

/** What the web client got from a login: the front-channel redirect and the token response. */
export interface SignInAnswer {
  /** The client's redirect_uri as the browser arrived at it (`code`, `state`, `iss`). */
  arrivedAt: URL;
  code: string;
  tokens: { access_token: string; id_token: string; refresh_token?: string };
}

/**
 * Gives the fixture's tenant an own domain (`login.<tenant>.test`) beside its NAME.<base host>, with
 * the domain's callback URL registered at the emulator, and returns the domain's tenant URL.
 */
export async function addOwnDomain(fitgate: FrontChannel, emulator: TestEmulator): Promise<string> {
  const host = `login.${fitgate.tenant}.test`;
  const tenant = await fitgate.store.tenants.get(fitgate.tenant);
  if (!tenant) throw new Error('the fixture tenant is gone');
  await fitgate.store.tenants.update({ ...tenant, domains: [host] });
  const url = ownDomainUrl(fitgate.deps.config, host);
  emulator.control.addRedirectUri(DEMO.googleServer.clientId, `${url}/login/callback`);
  return url;
}

/** A fresh browser that reaches fitgate at the tenant's NAME.<base host> and at `ownUrl`. */
export function browserOfBothHosts(fitgate: FrontChannel, ownUrl: string): Browser {
  return new Browser(fitgate.url, new Set([new URL(fitgate.tenantUrl).host, new URL(ownUrl).host]));
}

/** The browser's way to the client's redirect_uri from /authorize at `signInAt`: the code, not yet redeemed. */
export async function codeOfLogin(fitgate: FrontChannel, browser: Browser, signInAt: string): Promise<{ arrivedAt: URL; code: string }> {
  const authorize = new URL(fitgate.authorizeUrl({ connection: 'fitbit' }));
  const { arrivedAt } = await browser.follow(new URL(`${authorize.pathname}${authorize.search}`, signInAt), CLIENT_CALLBACK);
  const code = arrivedAt?.searchParams.get('code');
  if (!arrivedAt || !code) throw new Error(`the login gave no code (${arrivedAt?.href ?? 'no redirect to the client'})`);
  return { arrivedAt, code };
}

/** POST /oauth/token as the web client (client_secret_basic) on the host of `tenantUrl`. */
export function tokenRequestAt(fitgate: FrontChannel, tenantUrl: string, params: Record<string, string>): request.Test {
  return request(fitgate.url)
    .post('/oauth/token')
    .set('Host', new URL(tenantUrl).host)
    .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
    .type('form')
    .send(params);
}

/** Logs `browser` in at the web client from /authorize at `signInAt`, and redeems the code at `redeemAt`. */
export async function signInAndRedeem(fitgate: FrontChannel, browser: Browser, at: { signInAt: string; redeemAt: string }): Promise<SignInAnswer> {
  const { arrivedAt, code } = await codeOfLogin(fitgate, browser, at.signInAt);
  const answer = await tokenRequestAt(fitgate, at.redeemAt, { grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK }).expect(200);
  return { arrivedAt, code, tokens: answer.body as SignInAnswer['tokens'] };
}

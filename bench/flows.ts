import { randomBytes } from 'node:crypto';
import { consentUrl } from './emulator_setup.js';
import { CLIENT_CALLBACK, type BenchApplication } from './fitgate_setup.js';
import { browse, CookieJar, formBody, okJson, redirectTarget, type HttpClient } from './http_client.js';
import type { HopTimes } from './latency.js';

/**
 * The journeys the virtual users make, one hop per HTTP request, each checked so a failure counts
 * as an error instead of a fast wrong answer. Every login starts with an empty cookie jar: a new
 * visitor, as in a real sign-in.
 */

export const FITGATE_HOPS = ['authorize', 'upstream_consent', 'callback', 'token', 'userinfo'] as const;
export const PEER_HOPS = ['login', 'upstream_consent', 'callback', 'protected_page'] as const;

export interface FitgateTarget {
  http: HttpClient;
  url: string;
  application: BenchApplication;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** /authorize → emulator consent → /login/callback → the client's redirect (code) → /oauth/token → /userinfo. */
export async function fitgateLogin(target: FitgateTarget, times: HopTimes, login: string): Promise<Tokens> {
  const code = await fitgateCode(target, times, login);
  const tokens = await times.time('token', () => redeemCode(target, code));
  await times.time('userinfo', () => userinfo(target, tokens.accessToken));
  return tokens;
}

/** The front channel up to the client's redirect: the authorization code it carries. */
export async function fitgateCode(target: FitgateTarget, times: HopTimes, login: string): Promise<string> {
  const jar = new CookieJar();
  const state = randomBytes(12).toString('base64url');
  const upstream = await times.time('authorize', () => beginFitgateLogin(target, jar, state));
  const consent = consentUrl(upstream, login);
  const callback = await times.time('upstream_consent', async () => redirectTarget('upstream consent', consent, await browse(target.http, jar, consent)));
  let client = await times.time('callback', async () => redirectTarget('callback', callback.href, await browse(target.http, jar, callback.href)));
  if (client.origin === upstream.origin) client = await secondUpstreamRound(target, times, jar, client, login);

  if (`${client.origin}${client.pathname}` !== CLIENT_CALLBACK) throw new Error(`callback: redirected to ${client.origin}${client.pathname}, not the client`);
  const error = client.searchParams.get('error');
  if (error) throw new Error(`callback: the client received error=${error} (${client.searchParams.get('error_description') ?? ''})`);
  if (client.searchParams.get('state') !== state) throw new Error('callback: the client received another state');
  const code = client.searchParams.get('code');
  if (!code) throw new Error('callback: the client received no code');
  return code;
}

/**
 * A user who consented to the emulator's Google client through another fitgate store (the other
 * build of a compare, an earlier store of the run) brings this store no refresh token, so fitgate
 * sends the login back upstream once with prompt=consent (send_back_for_refresh_token.ts): the
 * driver follows it as a browser would. Only a user's first login on a store, so warm-up takes them.
 */
async function secondUpstreamRound(target: FitgateTarget, times: HopTimes, jar: CookieJar, upstream: URL, login: string): Promise<URL> {
  const consent = consentUrl(upstream, login);
  const callback = await times.time('upstream_consent', async () => redirectTarget('upstream consent', consent, await browse(target.http, jar, consent)));
  return times.time('callback', async () => redirectTarget('callback', callback.href, await browse(target.http, jar, callback.href)));
}

/** GET /authorize?connection=fitbit: the upstream authorize URL it redirects to (a pending login now exists). */
export async function beginFitgateLogin(target: FitgateTarget, jar: CookieJar, state: string): Promise<URL> {
  const authorize = new URL('/authorize', target.url);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: target.application.clientId,
    redirect_uri: CLIENT_CALLBACK,
    scope: 'openid profile email offline_access',
    state,
    nonce: randomBytes(12).toString('base64url'),
    connection: 'fitbit',
  }).toString();
  return redirectTarget('authorize', authorize.href, await browse(target.http, jar, authorize.href));
}

export async function redeemCode(target: FitgateTarget, code: string): Promise<Tokens> {
  return tokenRequest(target, 'code exchange', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CLIENT_CALLBACK,
    client_id: target.application.clientId,
    client_secret: target.application.clientSecret,
  });
}

export async function refresh(target: FitgateTarget, refreshToken: string): Promise<Tokens> {
  return tokenRequest(target, 'refresh', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: target.application.clientId,
    client_secret: target.application.clientSecret,
  });
}

export async function userinfo(target: FitgateTarget, accessToken: string): Promise<void> {
  const claims = okJson('userinfo', await target.http.send(`${target.url}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } }));
  if (typeof claims.sub !== 'string') throw new Error('userinfo: no sub in the answer');
}

async function tokenRequest(target: FitgateTarget, step: string, fields: Record<string, string>): Promise<Tokens> {
  const answer = okJson(step, await target.http.send(`${target.url}/oauth/token`, { method: 'POST', ...formBody(fields) }));
  // A non-rotating refresh token (a new regular web application's default) is answered with no new
  // one: the one sent stays the one to use.
  const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : fields.grant_type === 'refresh_token' ? fields.refresh_token : undefined;
  if (typeof answer.access_token !== 'string' || refreshToken === undefined) {
    throw new Error(`${step}: the answer lacks access_token or refresh_token`);
  }
  if (fields.grant_type === 'authorization_code' && typeof answer.id_token !== 'string') throw new Error(`${step}: the answer lacks id_token`);
  return { accessToken: answer.access_token, refreshToken };
}

/** The peer: /login → emulator consent → /callback (code exchange and profile inside) → a protected page. */
export async function peerLogin(http: HttpClient, peerUrl: string, times: HopTimes, login: string): Promise<void> {
  const jar = new CookieJar();
  const start = `${peerUrl}/login`;
  const upstream = await times.time('login', async () => redirectTarget('peer login', start, await browse(http, jar, start)));
  const consent = consentUrl(upstream, login);
  const callback = await times.time('upstream_consent', async () => redirectTarget('upstream consent', consent, await browse(http, jar, consent)));
  const landing = await times.time('callback', async () => redirectTarget('peer callback', callback.href, await browse(http, jar, callback.href)));
  if (landing.pathname !== '/me') throw new Error(`peer callback: redirected to ${landing.pathname}, not the protected page`);
  const page = await times.time('protected_page', async () => okJson('peer protected page', await browse(http, jar, landing.href)));
  if (typeof page.id !== 'string') throw new Error('peer protected page: no signed-in user');
}

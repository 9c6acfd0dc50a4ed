import { createHash, randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorControl, type EmulatorOptions } from '../../src/emulator/index.js';

/**
 * Small typed helpers for tests that talk to the Fitbit + Google emulator over real HTTP.
 * The emulator listens on 127.0.0.1 port 0; close() in afterAll.
 */

export interface TestEmulator {
  /** e.g. "http://127.0.0.1:41234"; FITGATE_UPSTREAM_BASE_URL for fitgate. */
  readonly url: string;
  readonly control: EmulatorControl;
  close(): Promise<void>;
}

export function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  return startEmulator({ ...options, port: 0, host: '127.0.0.1' });
}

/** The real endpoint URL under the emulator, e.g. upstreamUrl(url, 'https://api.fitbit.com/oauth2/token'). */
export function upstreamUrl(emulatorUrl: string, realUrl: string): string {
  const real = new URL(realUrl);
  return `${emulatorUrl}/${real.host}${real.pathname}${real.search}`;
}

/** Endpoint URLs of both upstreams under one emulator. */
export function emulatorEndpoints(emulatorUrl: string) {
  return {
    legacy: {
      authorize: `${emulatorUrl}/www.fitbit.com/oauth2/authorize`,
      token: `${emulatorUrl}/api.fitbit.com/oauth2/token`,
      revoke: `${emulatorUrl}/api.fitbit.com/oauth2/revoke`,
      introspect: `${emulatorUrl}/api.fitbit.com/1.1/oauth2/introspect`,
      profile: `${emulatorUrl}/api.fitbit.com/1/user/-/profile.json`,
      activities: `${emulatorUrl}/api.fitbit.com/1/user/-/activities/list.json`,
      heartRate: (date: string) => `${emulatorUrl}/api.fitbit.com/1/user/-/activities/heart/date/${date}/1d/1min.json`,
    },
    google: {
      authorize: `${emulatorUrl}/accounts.google.com/o/oauth2/v2/auth`,
      token: `${emulatorUrl}/oauth2.googleapis.com/token`,
      revoke: `${emulatorUrl}/oauth2.googleapis.com/revoke`,
      userinfo: `${emulatorUrl}/openidconnect.googleapis.com/v1/userinfo`,
      jwks: `${emulatorUrl}/www.googleapis.com/oauth2/v3/certs`,
      identity: `${emulatorUrl}/health.googleapis.com/v4/users/me/identity`,
      profile: `${emulatorUrl}/health.googleapis.com/v4/users/me/profile`,
      dataPoints: (dataType: string) => `${emulatorUrl}/health.googleapis.com/v4/users/me/dataTypes/${dataType}/dataPoints`,
    },
  };
}

export interface ConsentChoice {
  readonly user: string;
  /** Subset of the requested scopes to grant; all when absent. */
  readonly scopes?: readonly string[];
  readonly decision?: 'approve' | 'deny';
}

/** The authorize URL with the emulator's non-interactive consent parameters appended. */
export function approveUrl(authorizeUrl: string, choice: ConsentChoice): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set('emulator_user', choice.user);
  url.searchParams.set('emulator_decision', choice.decision ?? 'approve');
  if (choice.scopes) url.searchParams.set('emulator_scopes', choice.scopes.join(' '));
  return url.href;
}

export function denyUrl(authorizeUrl: string, user: string): string {
  return approveUrl(authorizeUrl, { user, decision: 'deny' });
}

/**
 * Follows one authorize request to its redirect without a browser: returns the Location the
 * emulator answered with (code and state, or error), parsed. Throws if the emulator answered with
 * a page instead (an error shown on the upstream's own page, or the consent page).
 */
export async function authorizeRedirect(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`expected a redirect from ${url}, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  // A Location may be relative to the request (the emulator's redirects to its own pages are).
  return new URL(location, url);
}

/** Form-encoded POST, the way both token endpoints want it. */
export async function postForm(
  url: string,
  form: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const body = new URLSearchParams(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export function basicAuth(clientId: string, clientSecret: string): Record<string, string> {
  const encode = (value: string): string => encodeURIComponent(value);
  return { authorization: `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}` };
}

export async function getJson(url: string, accessToken?: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, { headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {} });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // a page, not JSON: leave the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** The demo apps every emulator starts with (src/emulator/seed.ts). */
export const DEMO = {
  callback: 'http://localhost:3000/login/callback',
  legacyServer: { clientId: '23ABCD', clientSecret: 'legacy-server-secret-0123456789abcdef' },
  legacyClient: { clientId: '23PUBL' },
  legacyPersonal: { clientId: '23PERS', clientSecret: 'legacy-personal-secret-0123456789abcdef', owner: 'alice' },
  googleServer: { clientId: '1234567890-fitgate.apps.googleusercontent.com', clientSecret: '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789' },
  googlePublic: { clientId: '1234567890-public.apps.googleusercontent.com' },
} as const;

export const GOOGLE_HEALTH = 'https://www.googleapis.com/auth/googlehealth.';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorize URL for either upstream with sensible defaults; `params` override or add (undefined removes). */
export function buildAuthorizeUrl(
  emulatorUrl: string,
  api: 'fitbit-legacy' | 'google-health',
  params: Record<string, string | undefined> = {},
): string {
  const endpoints = emulatorEndpoints(emulatorUrl);
  const url = new URL(api === 'fitbit-legacy' ? endpoints.legacy.authorize : endpoints.google.authorize);
  const defaults: Record<string, string> =
    api === 'fitbit-legacy'
      ? { client_id: DEMO.legacyServer.clientId, scope: 'profile activity heartrate' }
      : { client_id: DEMO.googleServer.clientId, scope: `openid email profile ${GOOGLE_HEALTH}activity_and_fitness.readonly`, access_type: 'offline' };
  const all = { response_type: 'code', redirect_uri: DEMO.callback, state: 'st-' + randomBytes(4).toString('hex'), ...defaults, ...params };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

/** Where the emulator sends the browser after `user` approves an authorize request for `api` built from `params`. */
export function approvedRedirect(
  emulatorUrl: string,
  api: 'fitbit-legacy' | 'google-health',
  user: string,
  params: Record<string, string | undefined> = {},
): Promise<URL> {
  return authorizeRedirect(approveUrl(buildAuthorizeUrl(emulatorUrl, api, params), { user }));
}

export interface TokenResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * The whole legacy dance without a browser: authorize with emulator_user, exchange the code with
 * PKCE and the server app's Basic credentials (or the given app). Returns the token response.
 */
export async function legacyLogin(
  emulatorUrl: string,
  options: { user: string; scopes?: readonly string[]; grant?: readonly string[]; app?: { clientId: string; clientSecret?: string } },
): Promise<TokenResult> {
  const app = options.app ?? DEMO.legacyServer;
  const { verifier, challenge } = pkcePair();
  const authorize = buildAuthorizeUrl(emulatorUrl, 'fitbit-legacy', {
    client_id: app.clientId,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(options.scopes ? { scope: options.scopes.join(' ') } : {}),
  });
  const redirect = await authorizeRedirect(approveUrl(authorize, { user: options.user, scopes: options.grant }));
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.href}`);
  const form = { grant_type: 'authorization_code', code, redirect_uri: DEMO.callback, code_verifier: verifier };
  const result = app.clientSecret
    ? await postForm(emulatorEndpoints(emulatorUrl).legacy.token, form, basicAuth(app.clientId, app.clientSecret))
    : await postForm(emulatorEndpoints(emulatorUrl).legacy.token, { ...form, client_id: app.clientId });
  return { status: result.status, body: result.body as Record<string, unknown> };
}

/** The same for Google: access_type=offline by default, client credentials in the body. */
export async function googleLogin(
  emulatorUrl: string,
  options: { user: string; scopes?: readonly string[]; grant?: readonly string[]; params?: Record<string, string | undefined> },
): Promise<TokenResult> {
  const { verifier, challenge } = pkcePair();
  const authorize = buildAuthorizeUrl(emulatorUrl, 'google-health', {
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(options.scopes ? { scope: options.scopes.join(' ') } : {}),
    ...options.params,
  });
  const redirect = await authorizeRedirect(approveUrl(authorize, { user: options.user, scopes: options.grant }));
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.href}`);
  const result = await postForm(emulatorEndpoints(emulatorUrl).google.token, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: DEMO.callback,
    code_verifier: verifier,
    client_id: DEMO.googleServer.clientId,
    client_secret: DEMO.googleServer.clientSecret,
  });
  return { status: result.status, body: result.body as Record<string, unknown> };
}

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs`: for waiting on state that changes in the background. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

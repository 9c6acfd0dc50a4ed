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
  return new URL(location);
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

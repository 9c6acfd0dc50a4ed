import type { FitbitApi } from '../src/connections/fitbit/index.js';
import type { HttpClient } from './http_client.js';

/**
 * Prepares the emulator for load through its admin API: distinct test users (so logins do not all
 * land on one fitgate user), rate limits above anything the run can reach (the benchmark measures
 * fitgate, not the emulator's 429s), the legacy endpoints answering, and the redirect URIs of
 * fitgate and the peers on its apps.
 */

/** An upstream app on the emulator, as fitgate's Fitbit connection and the peer are configured with it. */
export interface UpstreamApp {
  clientId: string;
  clientSecret: string;
  api: FitbitApi;
}

/** The emulator's demo apps (src/emulator/seed.ts), one per upstream; fitgate and the peers use them. */
export const GOOGLE_APP: UpstreamApp = { clientId: '1234567890-fitgate.apps.googleusercontent.com', clientSecret: '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789', api: 'google-health' };
export const LEGACY_APP: UpstreamApp = { clientId: '23ABCD', clientSecret: 'legacy-server-secret-0123456789abcdef', api: 'fitbit-legacy' };

const UNLIMITED_SETTINGS = { googleRateLimitPerMinute: 1_000_000_000, legacyRateLimitPerHour: 1_000_000_000 };

export function benchUserLogin(index: number): string {
  return `bench-${index}`;
}

export async function prepareEmulator(http: HttpClient, emulatorUrl: string, users: number): Promise<void> {
  await admin(http, emulatorUrl, 'PATCH', '/settings', UNLIMITED_SETTINGS, 200);
  // The real legacy endpoints are gone since 2026-11-02, but fitgate still offers the mode and
  // issue 13 asks for its cost: whatever the emulator's default, its legacy hosts must answer.
  await admin(http, emulatorUrl, 'POST', '/legacy-shutdown', { enabled: false }, 204);
  for (let index = 0; index < users; index++) {
    await admin(
      http,
      emulatorUrl,
      'POST',
      '/users',
      {
        login: benchUserLogin(index),
        legacyUserId: `B${index.toString(36).toUpperCase().padStart(5, '0')}`,
        healthUserId: `bench-${index}`,
        googleSub: String(100_000_000_000 + index),
        displayName: `Bench ${index}`,
        fullName: `Bench User ${index}`,
        email: `bench${index}@example.com`,
        avatar: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png',
      },
      201,
    );
  }
}

export async function allowRedirectUri(http: HttpClient, emulatorUrl: string, clientId: string, redirectUri: string): Promise<void> {
  await admin(http, emulatorUrl, 'POST', `/apps/${encodeURIComponent(clientId)}/redirect-uris`, { redirectUri }, 200);
}

/** The upstream authorize URL answered at once by `login`, as the emulator's non-interactive consent allows. */
export function consentUrl(authorizeUrl: URL, login: string): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set('emulator_user', login);
  url.searchParams.set('emulator_decision', 'approve');
  return url.href;
}

async function admin(http: HttpClient, emulatorUrl: string, method: 'POST' | 'PATCH', path: string, body: unknown, expected: number): Promise<void> {
  const response = await http.send(`${emulatorUrl}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== expected) {
    throw new Error(`emulator ${method} ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
}

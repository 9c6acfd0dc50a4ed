import { createTokenClient, type FitbitApi, type FitbitTokenClient } from '../../../../src/connections/fitbit/index.js';
import { DEMO, googleLogin, legacyLogin, type TestEmulator } from '../../../support/emulator.js';

export interface SignedInTokens {
  accessToken: string;
  refreshToken: string;
}

/** The token client for one of the emulator's demo apps. */
export function demoTokenClient(emulator: TestEmulator, api: FitbitApi, options: { public?: boolean; timeoutMs?: number } = {}): FitbitTokenClient {
  const app =
    api === 'fitbit-legacy'
      ? options.public
        ? DEMO.legacyClient
        : DEMO.legacyServer
      : options.public
        ? DEMO.googlePublic
        : DEMO.googleServer;
  return createTokenClient({
    api,
    clientID: app.clientId,
    ...('clientSecret' in app && { clientSecret: app.clientSecret }),
    upstreamBaseUrl: emulator.url,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}

/**
 * Fresh tokens for a demo user, obtained straight from the emulator: on the demo server app, or on
 * the legacy Client app with `legacyPublic`.
 */
export async function demoTokens(emulator: TestEmulator, api: FitbitApi, options: { user?: string; legacyPublic?: boolean } = {}): Promise<SignedInTokens> {
  const user = options.user ?? 'alice';
  const result =
    api === 'fitbit-legacy'
      ? await legacyLogin(emulator.url, { user, ...(options.legacyPublic && { app: DEMO.legacyClient }) })
      : await googleLogin(emulator.url, {
          user,
          scopes: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/googlehealth.sleep.readonly'],
          // Google issues a refresh token on first consent only, or again with prompt=consent.
          params: { prompt: 'consent' },
        });
  const { access_token: accessToken, refresh_token: refreshToken } = result.body;
  if (result.status !== 200 || typeof accessToken !== 'string' || typeof refreshToken !== 'string') {
    throw new Error(`sign-in at the emulator failed: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return { accessToken, refreshToken };
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { registerUpstreamApp } from './apps.js';
import { callbackOutcome, startPassportApp, type AppStrategyOptions, type PassportApp } from './passport_app.js';

let emulator: TestEmulator;
const apps: PassportApp[] = [];
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await emulator.close();
});

async function startApp(api: FitbitApi, adjust: (options: AppStrategyOptions, callbackUrl: string) => AppStrategyOptions): Promise<PassportApp> {
  const app = await startPassportApp((callbackUrl) =>
    adjust(
      { api, ...registerUpstreamApp(emulator.control, api, 'server', callbackUrl), scope: ['activity', 'profile'], upstreamBaseUrl: emulator.url },
      callbackUrl,
    ),
  );
  apps.push(app);
  return app;
}

describe.each(['fitbit-legacy', 'google-health'] as FitbitApi[])('misconfigured %s clients', (api) => {
  it('reports a wrong client secret as invalid_client with the upstream status and code', async () => {
    const app = await startApp(api, (options) => ({ ...options, clientSecret: 'not-the-secret' }));
    const outcome = callbackOutcome(await app.signIn({ user: 'alice' }));
    expect(outcome.error).toMatchObject({ kind: 'invalid_client', status: 401, upstreamCode: 'invalid_client' });
    expect(outcome.error?.message).not.toContain('not-the-secret');
  });

  it('never redirects back when the callback URL is not registered: the upstream shows its own page, Google after a redirect to it', async () => {
    const app = await startApp(api, (options) => {
      emulator.control.registerApp({
        clientId: options.clientID,
        clientSecret: options.clientSecret,
        type: 'server',
        api,
        redirectUris: ['https://elsewhere.example.com/callback'],
      });
      return options;
    });
    const result = await app.signIn({ user: 'alice' });
    // Fitbit answers 400 at the authorize URL; Google answers its error page with 200 and names the 400 on it.
    expect(result).toMatchObject({ kind: 'upstream-page', status: api === 'fitbit-legacy' ? 400 : 200 });
    expect(result.kind === 'upstream-page' && result.redirectedTo?.pathname).toBe(api === 'fitbit-legacy' ? undefined : '/accounts.google.com/signin/oauth/error');
    expect(result.kind === 'upstream-page' && result.page).toMatch(api === 'fitbit-legacy' ? /redirect_uri/ : /Error 400: redirect_uri_mismatch/);
  });

  it('reports redirect_uri_mismatch when the token request names another redirect_uri than the authorize request', async () => {
    const app = await startApp(api, (options, callbackUrl) => ({ ...options, tokenRedirectUri: `${callbackUrl}/` }));
    const outcome = callbackOutcome(await app.signIn({ user: 'alice' }));
    expect(outcome.error).toMatchObject({ kind: 'redirect_uri_mismatch', status: 400 });
  });
});

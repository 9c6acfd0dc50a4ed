import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { UpstreamGoneError } from '../../../../src/connections/fitbit/index.js';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { registerUpstreamApp } from './apps.js';
import { startPassportApp, type PassportApp } from './passport_app.js';
import { demoTokenClient, demoTokens } from './token_client_setup.js';

let emulator: TestEmulator;
let app: PassportApp;
beforeAll(async () => {
  emulator = await startTestEmulator();
  app = await startPassportApp((callbackUrl) => ({
    api: 'fitbit-legacy',
    ...registerUpstreamApp(emulator.control, 'fitbit-legacy', 'server', callbackUrl),
    scope: ['activity', 'profile'],
    upstreamBaseUrl: emulator.url,
  }));
});
afterEach(() => emulator.control.setLegacyShutdown(false));
afterAll(async () => {
  await app.close();
  await emulator.close();
});

describe('the 2026-11-02 shutdown of the legacy Fitbit API (410 Gone)', () => {
  it('fails a refresh with UpstreamGoneError telling the admin to switch to google-health', async () => {
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    emulator.control.setLegacyShutdown(true);
    const error = await demoTokenClient(emulator, 'fitbit-legacy').refresh(tokens.refreshToken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamGoneError);
    expect(error).toMatchObject({ kind: 'gone', status: 410, operation: 'refresh', retryable: false });
    expect((error as Error).message).toMatch(/switch this connection's API to google-health/i);
  });

  it('fails profile and revoke calls with the same gone error', async () => {
    const tokens = await demoTokens(emulator, 'fitbit-legacy');
    emulator.control.setLegacyShutdown(true);
    const client = demoTokenClient(emulator, 'fitbit-legacy');
    await expect(client.fetchProfile(tokens.accessToken)).rejects.toMatchObject({ kind: 'gone', operation: 'profile' });
    await expect(client.revoke(tokens.accessToken)).rejects.toMatchObject({ kind: 'gone', operation: 'revoke' });
  });

  it('fails a sign-in whose code exchange meets the shutdown with the gone error', async () => {
    const callbackUrl = await app.authorize({ user: 'alice' });
    emulator.control.setLegacyShutdown(true);
    const outcome = await app.visitCallback(callbackUrl);
    expect(outcome.error).toMatchObject({ kind: 'gone' });
    expect(outcome.error?.message).toMatch(/google-health/);
  });

  it('shows the 410 at the authorize step, where the user is at www.fitbit.com', async () => {
    emulator.control.setLegacyShutdown(true);
    await expect(app.signIn({ user: 'alice' })).resolves.toMatchObject({ kind: 'upstream-page', status: 410 });
  });

  it('leaves google-health untouched', async () => {
    emulator.control.setLegacyShutdown(true);
    const tokens = await demoTokens(emulator, 'google-health');
    await expect(demoTokenClient(emulator, 'google-health').refresh(tokens.refreshToken)).resolves.toMatchObject({ accessToken: expect.any(String) });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { UpstreamNetworkError, UpstreamRateLimitedError, type FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { DEFAULT_SETTINGS, type Host } from '../../../../src/emulator/index.js';
import { startTestEmulator, type TestEmulator } from '../../../support/emulator.js';
import { callbackOutcome, passportAppFor } from './passport_app.js';
import { demoTokenClient, demoTokens } from './token_client_setup.js';

const TIMEOUT_MS = 300;
const TOKEN_HOST: Record<FitbitApi, Host> = { 'fitbit-legacy': 'api.fitbit.com', 'google-health': 'oauth2.googleapis.com' };

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterEach(() => {
  emulator.control.clearFailures();
  emulator.control.releaseHeld();
  emulator.control.setSettings({ ...DEFAULT_SETTINGS });
});
afterAll(() => emulator.close());

describe.each(['fitbit-legacy', 'google-health'] as FitbitApi[])('token client failures in %s mode', (api) => {
  const failNext = (mode: Parameters<TestEmulator['control']['setFailure']>[0]['mode']) =>
    emulator.control.setFailure({ host: TOKEN_HOST[api], mode, times: 1 });

  it('reports a 5xx as a retryable unavailable error with the upstream status', async () => {
    const tokens = await demoTokens(emulator, api);
    failNext({ kind: 'status', status: 503 });
    await expect(demoTokenClient(emulator, api).refresh(tokens.refreshToken)).rejects.toMatchObject({
      kind: 'unavailable',
      status: 503,
      operation: 'refresh',
      retryable: true,
    });
  });

  it('reports a 429 as rate_limited with the reset time the upstream gave', async () => {
    const tokens = await demoTokens(emulator, api);
    failNext({ kind: 'rate-limit', retryAfterSeconds: 42 });
    const error = await demoTokenClient(emulator, api).refresh(tokens.refreshToken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 42, resetAt: expect.any(Date) });
  });

  it('gives up with a timeout error when the upstream holds the request', async () => {
    const tokens = await demoTokens(emulator, api);
    failNext({ kind: 'timeout' });
    await expect(demoTokenClient(emulator, api, { timeoutMs: TIMEOUT_MS }).refresh(tokens.refreshToken)).rejects.toMatchObject({
      kind: 'timeout',
      timeoutMs: TIMEOUT_MS,
      status: undefined,
    });
  });

  it('reports a connection reset as unavailable, without a status', async () => {
    const tokens = await demoTokens(emulator, api);
    failNext({ kind: 'reset' });
    const error = await demoTokenClient(emulator, api).revoke(tokens.accessToken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect(error).toMatchObject({ kind: 'unavailable', status: undefined, operation: 'revoke' });
  });
});

describe('the legacy hourly quota', () => {
  it('reports the 151st call of the hour as rate_limited with Fitbit-Rate-Limit-Reset as the reset time', async () => {
    emulator.control.setSettings({ legacyRateLimitPerHour: 1 });
    const tokens = await demoTokens(emulator, 'fitbit-legacy', { user: 'bob' });
    const client = demoTokenClient(emulator, 'fitbit-legacy');
    await client.fetchProfile(tokens.accessToken);
    const error = (await client.fetchProfile(tokens.accessToken).catch((caught: unknown) => caught)) as UpstreamRateLimitedError;
    expect(error).toMatchObject({ kind: 'rate_limited', upstreamCode: 'system', operation: 'profile' });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });
});

describe('the Google Health per-minute quota', () => {
  it('reports a call past it as rate_limited without a reset time, since Google sends none', async () => {
    emulator.control.setSettings({ googleRateLimitPerMinute: 1 });
    const tokens = await demoTokens(emulator, 'google-health', { user: 'bob' });
    const client = demoTokenClient(emulator, 'google-health');
    await client.fetchProfile(tokens.accessToken);
    const error = (await client.fetchProfile(tokens.accessToken).catch((caught: unknown) => caught)) as UpstreamRateLimitedError;
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: undefined });
  });
});

describe.each(['fitbit-legacy', 'google-health'] as FitbitApi[])('sign-in failures in %s mode', (api) => {
  const app = passportAppFor(() => emulator, api, { timeoutMs: TIMEOUT_MS });

  it('bounds the code exchange with the timeout, which passport-oauth2 alone would not', async () => {
    emulator.control.setFailure({ host: TOKEN_HOST[api], mode: { kind: 'timeout' }, times: 1 });
    const outcome = callbackOutcome(await app().signIn({ user: 'alice' }));
    expect(outcome.error).toMatchObject({ kind: 'timeout', name: 'UpstreamTimeoutError' });
  });

  it('fails with unavailable when the token endpoint answers 5xx', async () => {
    emulator.control.setFailure({ host: TOKEN_HOST[api], mode: { kind: 'status', status: 500 }, times: 1 });
    const outcome = callbackOutcome(await app().signIn({ user: 'alice' }));
    expect(outcome.error).toMatchObject({ kind: 'unavailable', status: 500 });
  });

  it('fails with rate_limited and the reset time when the token endpoint answers 429', async () => {
    emulator.control.setFailure({ host: TOKEN_HOST[api], mode: { kind: 'rate-limit', retryAfterSeconds: 7 }, times: 1 });
    const outcome = callbackOutcome(await app().signIn({ user: 'alice' }));
    expect(outcome.error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 7 });
  });
});

describe('sign-in failures after the code exchange', () => {
  const app = passportAppFor(() => emulator, 'google-health', { scope: ['sleep'], timeoutMs: TIMEOUT_MS });

  it('fails with timeout when the Google Health identity call hangs', async () => {
    emulator.control.setFailure({ host: 'health.googleapis.com', mode: { kind: 'timeout' }, times: 1 });
    const outcome = callbackOutcome(await app().signIn({ user: 'alice' }));
    expect(outcome.error).toMatchObject({ kind: 'timeout' });
    expect(outcome.error?.message).toMatch(/identity/);
  });
});

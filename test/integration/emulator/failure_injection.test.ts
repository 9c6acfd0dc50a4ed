import { describe, expect, it } from '@jest/globals';
import {
  buildAuthorizeUrl,
  emulatorEndpoints,
  getJson,
  postForm,
  waitUntil,
} from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

const endpoints = () => emulatorEndpoints(emulator.url);

describe('injected 5xx', () => {
  it('answers in each host\'s own shape: Fitbit JSON, Google OAuth JSON, Google API JSON, a page for browsers', async () => {
    emulator.control.setFailure({ host: '*', mode: { kind: 'status', status: 503 } });
    const fitbit = await postForm(endpoints().legacy.token, { grant_type: 'refresh_token' });
    expect(fitbit.status).toBe(503);
    expect(fitbit.body).toMatchObject({ errors: [{ errorType: 'system' }], success: false });
    const googleToken = await postForm(endpoints().google.token, { grant_type: 'refresh_token' });
    expect(googleToken.body).toMatchObject({ error: 'server_error' });
    const health = await getJson(endpoints().google.identity, 'x');
    expect(health.body).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    const page = await fetch(buildAuthorizeUrl(emulator.url, 'fitbit-legacy'));
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('applies to the named host only, for the given number of requests', async () => {
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'status', status: 500 }, times: 1 });
    expect((await getJson(endpoints().google.jwks)).status).toBe(200);
    expect((await getJson(endpoints().legacy.profile, 'x')).status).toBe(500);
    expect((await getJson(endpoints().legacy.profile, 'x')).status).toBe(401);
  });
});

describe('injected 429', () => {
  it('answers 429 with Retry-After', async () => {
    emulator.control.setFailure({ host: 'health.googleapis.com', mode: { kind: 'rate-limit', retryAfterSeconds: 30 } });
    const result = await getJson(endpoints().google.identity, 'x');
    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('30');
    expect(result.body).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED' } });
  });
});

describe('injected connection failures', () => {
  it('resets the connection without an answer', async () => {
    emulator.control.setFailure({ host: 'oauth2.googleapis.com', mode: { kind: 'reset' }, times: 1 });
    await expect(fetch(endpoints().google.token, { method: 'POST' })).rejects.toThrow('fetch failed');
  });

  it('holds a request until the client gives up, and releases it on demand', async () => {
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'timeout' } });
    await expect(fetch(endpoints().legacy.profile, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/aborted/i);

    await waitUntil(() => emulator.control.heldRequests() === 0, 'the aborted request is let go');
    const held = fetch(endpoints().legacy.profile);
    await waitUntil(() => emulator.control.heldRequests() === 1, 'the emulator holds the request');
    emulator.control.clearFailures('api.fitbit.com');
    await expect(held).rejects.toThrow('fetch failed');
    expect((await getJson(endpoints().legacy.profile, 'x')).status).toBe(401);
  });

  it('delays a request by the injected latency and then answers normally', async () => {
    emulator.control.setFailure({ host: 'www.googleapis.com', mode: { kind: 'latency', ms: 5_000 }, times: 1 });
    await expect(fetch(endpoints().google.jwks, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/aborted/i);
    emulator.control.setFailure({ host: 'www.googleapis.com', mode: { kind: 'latency', ms: 10 }, times: 1 });
    expect((await getJson(endpoints().google.jwks)).body).toMatchObject({ keys: [expect.objectContaining({ kty: 'RSA' })] });
  });
});

describe('failure rules', () => {
  it('are refused when malformed', () => {
    expect(() => emulator.control.setFailure({ host: '*', mode: { kind: 'status', status: 404 } })).toThrow('status');
    expect(() => emulator.control.setFailure({ host: 'example.com' as never, mode: { kind: 'reset' } })).toThrow('host');
  });

  it('are set over HTTP at /_emulator/failures', async () => {
    const set = await fetch(`${emulator.url}/_emulator/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ host: 'www.googleapis.com', mode: { kind: 'status', status: 502 }, times: 1 }),
    });
    expect(set.status).toBe(204);
    expect((await getJson(endpoints().google.jwks)).status).toBe(502);
  });
});

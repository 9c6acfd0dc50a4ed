import { describe, expect, it } from '@jest/globals';
import { emulatorEndpoints, getJson, googleLogin, legacyLogin } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

// A fixed clock at 10:59:00 UTC makes "seconds to the top of the hour" exact.
const START = Date.parse('2026-11-20T10:59:00.000Z');
const emulator = useEmulator({ now: () => START });

describe('legacy rate limit', () => {
  it('reports limit, remaining and seconds to the top of the hour on every call', async () => {
    const token = String((await legacyLogin(emulator.url, { user: 'alice' })).body.access_token);
    const result = await getJson(emulatorEndpoints(emulator.url).legacy.profile, token);
    expect(result.headers.get('fitbit-rate-limit-limit')).toBe('150');
    expect(result.headers.get('fitbit-rate-limit-remaining')).toBe('149');
    expect(result.headers.get('fitbit-rate-limit-reset')).toBe('60');
  });

  it('answers 429 past the limit, per user and app, and resets on the hour', async () => {
    emulator.control.setSettings({ legacyRateLimitPerHour: 2 });
    const alice = String((await legacyLogin(emulator.url, { user: 'alice' })).body.access_token);
    const bob = String((await legacyLogin(emulator.url, { user: 'bob' })).body.access_token);
    const profile = emulatorEndpoints(emulator.url).legacy.profile;
    expect((await getJson(profile, alice)).status).toBe(200);
    expect((await getJson(profile, alice)).status).toBe(200);
    const limited = await getJson(profile, alice);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ errors: [{ errorType: 'system', message: 'Too Many Requests' }], success: false });
    expect(limited.headers.get('fitbit-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('fitbit-rate-limit-reset')).toBe('60');
    // Fitbit documents its own three headers and no Retry-After.
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await getJson(profile, bob)).status).toBe(200);
    expect(emulator.control.counters()['fitbit-legacy'].rateLimited).toBe(1);

    emulator.control.advanceClock(60);
    expect((await getJson(profile, alice)).status).toBe(200);
  });
});

describe('Google rate limit', () => {
  it('answers 429 RESOURCE_EXHAUSTED past the per-minute limit and resets on the minute', async () => {
    emulator.control.setSettings({ googleRateLimitPerMinute: 1 });
    const token = String((await googleLogin(emulator.url, { user: 'alice' })).body.access_token);
    const identity = emulatorEndpoints(emulator.url).google.identity;
    expect((await getJson(identity, token)).status).toBe(200);
    const limited = await getJson(identity, token);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    expect(limited.headers.get('fitbit-rate-limit-limit')).toBeNull();
    // Google documents no header that says when to retry.
    expect(limited.headers.get('retry-after')).toBeNull();
    emulator.control.advanceClock(60);
    expect((await getJson(identity, token)).status).toBe(200);
  });
});

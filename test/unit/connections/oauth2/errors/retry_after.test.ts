import { describe, expect, it } from '@jest/globals';
import { retryAfterSeconds } from '../../../../../src/connections/oauth2/errors/retry_after.js';

const NOW = Date.parse('2026-11-22T01:00:00Z');

describe('retryAfterSeconds', () => {
  it('reads Retry-After given in seconds', () => {
    expect(retryAfterSeconds('120', NOW)).toBe(120);
    expect(retryAfterSeconds(' 7 ', NOW)).toBe(7);
  });

  it('reads Retry-After given as an HTTP date, against the clock the caller reads by, never below zero', () => {
    expect(retryAfterSeconds('Sun, 22 Nov 2026 01:01:30 GMT', NOW)).toBe(90);
    expect(retryAfterSeconds('Sun, 22 Nov 2026 00:59:00 GMT', NOW)).toBe(0);
  });

  it('answers undefined for a header that is absent or unreadable', () => {
    expect(retryAfterSeconds(undefined, NOW)).toBeUndefined();
    expect(retryAfterSeconds('soon', NOW)).toBeUndefined();
  });
});

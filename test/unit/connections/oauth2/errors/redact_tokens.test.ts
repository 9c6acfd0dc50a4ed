import { describe, expect, it } from '@jest/globals';
import { redactTokens } from '../../../../../src/connections/oauth2/errors/redact_tokens.js';

describe('redactTokens', () => {
  it('replaces every run of 20 or more token characters, keeping the words and URLs around them', () => {
    expect(redactTokens('Refresh token invalid: 8f3c2d1e0b9a8f7e6d5c4b3a. See https://auth.example/docs/errors')).toBe(
      'Refresh token invalid: [redacted]. See https://auth.example/docs/errors',
    );
    expect(redactTokens('Received header = Basic MjNBQkNEOmFiY2RlZjAxMjM0NTY3ODk=')).toBe('Received header = Basic [redacted]');
  });

  it('leaves shorter runs and an absent message alone', () => {
    expect(redactTokens('invalid_grant: code expired')).toBe('invalid_grant: code expired');
    expect(redactTokens(undefined)).toBeUndefined();
  });
});

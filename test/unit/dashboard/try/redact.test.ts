import { describe, expect, it } from '@jest/globals';
import { REDACTED, redactJson, redactParameters, redactUrl } from '../../../../src/dashboard/try/redact.js';

describe('redaction of what TRY shows', () => {
  it('redacts state, nonce and code in an authorize URL and keeps the rest', () => {
    const url = new URL(redactUrl('https://up.example/auth?client_id=abc&state=s3cr3t&nonce=n&code_challenge=ch&scope=a+b'));
    expect(url.searchParams.get('state')).toBe(REDACTED);
    expect(url.searchParams.get('nonce')).toBe(REDACTED);
    expect(url.searchParams.get('client_id')).toBe('abc');
    expect(url.searchParams.get('code_challenge')).toBe('ch');
  });

  it('redacts the code and state of callback parameters and keeps errors readable', () => {
    expect(redactParameters(new URLSearchParams('code=c&state=s&error=access_denied&error_description=no').entries())).toEqual({
      code: REDACTED,
      state: REDACTED,
      error: 'access_denied',
      error_description: 'no',
    });
  });

  it('redacts token-like properties at any depth of a profile', () => {
    expect(redactJson({ user: { name: 'A', access_token: 't', nested: [{ id_token: 'x', refreshToken: 'r' }] }, client_secret: 's' })).toEqual({
      user: { name: 'A', access_token: REDACTED, nested: [{ id_token: REDACTED, refreshToken: REDACTED }] },
      client_secret: REDACTED,
    });
  });
});

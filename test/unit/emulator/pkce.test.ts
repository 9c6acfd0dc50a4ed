import { describe, expect, it } from '@jest/globals';
import { isWellFormedPkceValue, parseChallengeMethod, verifierMatches } from '../../../src/emulator/tokens/pkce.js';

// RFC 7636 Appendix B's example pair.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE checks', () => {
  it('matches an S256 verifier to its challenge (RFC 7636 Appendix B)', () => {
    expect(verifierMatches(CHALLENGE, 'S256', VERIFIER)).toBe(true);
    expect(verifierMatches(CHALLENGE, 'S256', VERIFIER.replace('d', 'e'))).toBe(false);
  });

  it('matches a plain verifier only to itself', () => {
    expect(verifierMatches(VERIFIER, 'plain', VERIFIER)).toBe(true);
    expect(verifierMatches(CHALLENGE, 'plain', VERIFIER)).toBe(false);
  });

  it('refuses verifiers outside 43-128 unreserved characters', () => {
    expect(isWellFormedPkceValue('a'.repeat(42))).toBe(false);
    expect(isWellFormedPkceValue('a'.repeat(129))).toBe(false);
    expect(isWellFormedPkceValue(`${'a'.repeat(42)}+`)).toBe(false);
    expect(verifierMatches('a'.repeat(42), 'plain', 'a'.repeat(42))).toBe(false);
  });

  it('defaults the method to plain and knows no other than S256', () => {
    expect(parseChallengeMethod(undefined)).toBe('plain');
    expect(parseChallengeMethod('S256')).toBe('S256');
    expect(parseChallengeMethod('s256')).toBeUndefined();
  });
});

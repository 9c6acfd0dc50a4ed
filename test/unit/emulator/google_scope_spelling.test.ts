import { describe, expect, it } from '@jest/globals';
import { googleGrantedSpelling, googleRedirectSpelling } from '../../../src/emulator/google_scope_spelling.js';

const EMAIL = 'https://www.googleapis.com/auth/userinfo.email';
const PROFILE = 'https://www.googleapis.com/auth/userinfo.profile';
const SLEEP = 'https://www.googleapis.com/auth/googlehealth.sleep.readonly';

describe("Google's spelling of granted sign-in scopes", () => {
  it('answers `email profile` as the userinfo URLs with openid, as Google\'s token endpoint does', () => {
    expect(googleGrantedSpelling(['email', 'profile'])).toEqual([EMAIL, 'openid', PROFILE]);
  });

  it('keeps openid and the Health scopes, and lists each scope once whichever spelling was asked', () => {
    expect(googleGrantedSpelling(['openid', 'email', EMAIL, 'profile', SLEEP])).toEqual(['openid', EMAIL, PROFILE, SLEEP]);
  });

  it('adds no openid to a grant without sign-in scopes', () => {
    expect(googleGrantedSpelling([SLEEP])).toEqual([SLEEP]);
  });

  it('lists the short names asked for, then the grant, in the authorize redirect', () => {
    expect(googleRedirectSpelling(['openid', 'email', 'profile', SLEEP], [EMAIL, 'openid', PROFILE, SLEEP])).toEqual([
      'email',
      'profile',
      EMAIL,
      'openid',
      PROFILE,
      SLEEP,
    ]);
    expect(googleRedirectSpelling([SLEEP], [SLEEP])).toEqual([SLEEP]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { googleHealthArea, isGoogleScope, isLegacyScope, parseScopeList } from '../../../src/emulator/scopes.js';

const PREFIX = 'https://www.googleapis.com/auth/googlehealth.';

describe('emulator scope vocabulary', () => {
  it('knows the fifteen Fitbit scopes and nothing else', () => {
    expect(isLegacyScope('irregular_rhythm_notifications')).toBe(true);
    expect(isLegacyScope('steps')).toBe(false);
  });

  it('reads a Google Health area from both the .readonly and the bare spelling', () => {
    expect(googleHealthArea(`${PREFIX}activity_and_fitness.readonly`)).toBe('activity_and_fitness');
    expect(googleHealthArea(`${PREFIX}activity_and_fitness`)).toBe('activity_and_fitness');
    expect(googleHealthArea(`${PREFIX}social.readonly`)).toBeUndefined();
  });

  it('accepts the sign-in scopes in short and URL form', () => {
    expect(isGoogleScope('openid')).toBe(true);
    expect(isGoogleScope('https://www.googleapis.com/auth/userinfo.email')).toBe(true);
    expect(isGoogleScope('activity')).toBe(false);
  });

  it('splits a scope parameter on any whitespace and drops repeats', () => {
    expect(parseScopeList(' activity  profile\tactivity ')).toEqual(['activity', 'profile']);
    expect(parseScopeList(undefined)).toEqual([]);
  });
});

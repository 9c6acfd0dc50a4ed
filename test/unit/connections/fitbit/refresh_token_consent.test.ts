import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import { consentForRefreshToken } from '../../../../src/connections/fitbit/refresh_token_consent.js';

describe('consentForRefreshToken', () => {
  it.each([
    [[], 'consent'],
    [['consent'], 'consent'],
    [['select_account'], 'consent select_account'],
    [['login'], 'consent select_account'],
    [['login', 'consent'], 'consent select_account'],
  ])('asks Google for a consent beside what the login asked (%j): prompt=%p', (prompt, google) => {
    expect(consentForRefreshToken('google-health', prompt)).toEqual({ prompt: google });
  });

  it.each([[[]], [['consent']], [['login']]])('asks legacy Fitbit for nothing, its every login bringing a refresh token (%j)', (prompt) => {
    expect(consentForRefreshToken('fitbit-legacy', prompt)).toBeUndefined();
  });

  it('is the plugin’s hook, which refuses an API it does not declare', () => {
    expect(fitbitPlugin.consentForRefreshToken('google-health', ['select_account'])).toEqual({ prompt: 'consent select_account' });
    expect(fitbitPlugin.consentForRefreshToken('fitbit-legacy', [])).toBeUndefined();
    expect(() => fitbitPlugin.consentForRefreshToken('strava', [])).toThrow(TypeError);
  });
});

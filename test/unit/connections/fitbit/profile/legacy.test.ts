import { describe, expect, it } from '@jest/globals';
import { legacyProfileFromUserId, parseLegacyProfile } from '../../../../../src/connections/fitbit/profile/legacy.js';
import { fixture } from '../fixtures.js';

describe('parseLegacyProfile', () => {
  it('maps a full profile.json to the normalised profile with encodedId as the id', () => {
    const body = fixture('fitbit/profile_full.json');
    const result = parseLegacyProfile(body, ['activity', 'profile']);
    expect(result).toEqual({
      ok: true,
      profile: {
        provider: 'fitbit',
        id: 'GGNJL9',
        displayName: 'Jane D.',
        name: { givenName: 'Jane', familyName: 'Doe' },
        photos: [
          { value: 'https://static0.fitbit.com/images/profile/4f3b2a1c-640.jpg' },
          { value: 'https://static0.fitbit.com/images/profile/4f3b2a1c-150.jpg' },
          { value: 'https://static0.fitbit.com/images/profile/4f3b2a1c-100.jpg' },
        ],
        grantedScopes: ['activity', 'profile'],
        _json: JSON.parse(body),
        _raw: body,
      },
    });
  });

  it('never invents an email, because Fitbit profiles have none', () => {
    const result = parseLegacyProfile(fixture('fitbit/profile_full.json'), ['profile']);
    expect(result.ok && 'emails' in result.profile).toBe(false);
  });

  it('leaves out every field the upstream did not give', () => {
    const result = parseLegacyProfile(fixture('fitbit/profile_minimal.json'), ['profile']);
    expect(result.ok && Object.keys(result.profile).sort()).toEqual(['_json', '_raw', 'grantedScopes', 'id', 'provider']);
  });

  it('falls back to fullName for displayName, skips empty names and lists a repeated avatar once', () => {
    const result = parseLegacyProfile(fixture('fitbit/profile_full_name_only.json'), ['profile']);
    expect(result.ok && result.profile).toMatchObject({ id: 'B4M8ZP', displayName: 'Rui Alves' });
    expect(result.ok && result.profile.name).toBeUndefined();
    expect(result.ok && result.profile.photos).toEqual([{ value: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png' }]);
  });

  it('reports a profile without encodedId as a problem instead of an empty id', () => {
    expect(parseLegacyProfile(fixture('fitbit/profile_without_encoded_id.json'), [])).toEqual({ ok: false, problem: 'user.encodedId is missing' });
  });

  it('reports a body that is not a JSON object as a problem', () => {
    expect(parseLegacyProfile(fixture('fitbit/profile_not_an_object.json'), []).ok).toBe(false);
    expect(parseLegacyProfile('<html>Service Unavailable</html>', []).ok).toBe(false);
  });
});

describe('legacyProfileFromUserId', () => {
  it('signs in a user who did not grant profile with the token answer user_id as the id', () => {
    expect(legacyProfileFromUserId('GGNJL9', ['sleep'])).toEqual({
      provider: 'fitbit',
      id: 'GGNJL9',
      grantedScopes: ['sleep'],
      _json: { user_id: 'GGNJL9' },
      _raw: '{"user_id":"GGNJL9"}',
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { parseGoogleHealthProfile } from '../../../../../src/connections/fitbit/profile/google_health.js';
import { fixture, fixtureJson } from '../fixtures.js';

describe('parseGoogleHealthProfile', () => {
  it('uses healthUserId as the id, carries legacyUserId and takes name, email and picture from the id_token claims', () => {
    const identity = fixture('google/identity.json');
    const result = parseGoogleHealthProfile(identity, fixtureJson('google/id_token_claims.json'), ['activity', 'sleep']);
    expect(result).toEqual({
      ok: true,
      profile: {
        provider: 'fitbit',
        id: 'h-3f9d2c7a1b',
        legacyUserId: 'GGNJL9',
        displayName: 'Jane Doe',
        name: { givenName: 'Jane', familyName: 'Doe' },
        emails: [{ value: 'jane.doe@example.com', verified: true }],
        photos: [{ value: 'https://lh3.googleusercontent.com/a/ACg8ocJane=s96-c' }],
        grantedScopes: ['activity', 'sleep'],
        _json: {
          identity: JSON.parse(identity),
          openid: {
            sub: '10769150350006150715113082367',
            name: 'Jane Doe',
            given_name: 'Jane',
            family_name: 'Doe',
            picture: 'https://lh3.googleusercontent.com/a/ACg8ocJane=s96-c',
            email: 'jane.doe@example.com',
            email_verified: true,
          },
        },
        _raw: identity,
      },
    });
  });

  it('keeps protocol claims (nonce, aud, exp) out of the profile', () => {
    const result = parseGoogleHealthProfile(fixture('google/identity.json'), fixtureJson('google/id_token_claims.json'), []);
    expect(result.ok && Object.keys(result.profile._json.openid as object)).not.toEqual(expect.arrayContaining(['nonce']));
    expect(result.ok && JSON.stringify(result.profile)).not.toContain('0394852-3190485-2490358');
  });

  it('has no legacyUserId for a user who never had a Fitbit account', () => {
    const result = parseGoogleHealthProfile(fixture('google/identity_without_legacy_id.json'), fixtureJson('google/id_token_claims.json'), []);
    expect(result.ok && result.profile.id).toBe('h-8c1e55d0aa');
    expect(result.ok && 'legacyUserId' in result.profile).toBe(false);
  });

  it('leaves out name, email and picture when the claims have none', () => {
    const result = parseGoogleHealthProfile(fixture('google/identity.json'), fixtureJson('google/id_token_claims_minimal.json'), ['sleep']);
    expect(result.ok && Object.keys(result.profile).sort()).toEqual(['_json', '_raw', 'grantedScopes', 'id', 'legacyUserId', 'provider']);
  });

  it('reads userinfo claims too, including email_verified sent as a string', () => {
    const result = parseGoogleHealthProfile(fixture('google/identity.json'), fixtureJson('google/userinfo_string_verified.json'), []);
    expect(result.ok && result.profile).toMatchObject({
      displayName: 'Rui Alves',
      name: { givenName: 'Rui' },
      emails: [{ value: 'rui@example.org', verified: false }],
    });
    expect(result.ok && result.profile.name).not.toHaveProperty('familyName');
  });

  it('rejects an identity without healthUserId', () => {
    expect(parseGoogleHealthProfile(fixture('google/identity_without_health_id.json'), {}, [])).toEqual({ ok: false, problem: 'healthUserId is missing' });
  });

  it('rejects a healthUserId outside 1-63 characters of [A-Za-z0-9-]', () => {
    expect(parseGoogleHealthProfile(fixture('google/identity_invalid_health_id.json'), {}, []).ok).toBe(false);
  });

  it('rejects an identity body that is not JSON', () => {
    expect(parseGoogleHealthProfile('upstream connect error', {}, []).ok).toBe(false);
  });
});

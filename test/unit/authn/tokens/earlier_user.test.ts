import { describe, expect, it } from '@jest/globals';
import { isGrantOfEarlierUser, isTokenOfEarlierUser } from '../../../../src/authn/tokens/earlier_user.js';

/** What counts as issued to an earlier user of the same id: units and rounding of the comparisons. */
describe('issued to an earlier user of the same id', () => {
  const user = { createdAt: '2026-12-06T10:00:05.400Z' };
  const createdSecond = Math.floor(Date.parse(user.createdAt) / 1000);

  it('refuses an access token only when its iat is before the second the user was created', () => {
    expect(isTokenOfEarlierUser(user, createdSecond - 1)).toBe(true);
    expect(isTokenOfEarlierUser(user, createdSecond)).toBe(false);
    expect(isTokenOfEarlierUser(user, createdSecond + 1)).toBe(false);
  });

  it('refuses an access token with no numeric iat', () => {
    expect(isTokenOfEarlierUser(user, undefined)).toBe(true);
    expect(isTokenOfEarlierUser(user, String(createdSecond))).toBe(true);
  });

  it('refuses a grant issued to a user record created before this one, to the millisecond', () => {
    expect(isGrantOfEarlierUser(user, { userCreatedAt: '2026-12-06T10:00:05.399Z', authTime: createdSecond })).toBe(true);
    expect(isGrantOfEarlierUser(user, { userCreatedAt: user.createdAt, authTime: createdSecond - 60 })).toBe(false);
  });

  it('judges a grant recorded before the user it was issued to was kept by its login time, as an iat', () => {
    expect(isGrantOfEarlierUser(user, { authTime: createdSecond - 1 })).toBe(true);
    expect(isGrantOfEarlierUser(user, { authTime: createdSecond })).toBe(false);
  });

  it('refuses nothing for a user whose createdAt does not parse', () => {
    const damaged = { createdAt: 'not a date' };
    expect(isTokenOfEarlierUser(damaged, 0)).toBe(false);
    expect(isGrantOfEarlierUser(damaged, { userCreatedAt: user.createdAt, authTime: 0 })).toBe(false);
  });
});

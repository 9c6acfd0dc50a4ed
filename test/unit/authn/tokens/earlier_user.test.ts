import { describe, expect, it } from '@jest/globals';
import { isGrantOfEarlierUser, isTokenOfEarlierUser } from '../../../../src/authn/tokens/earlier_user.js';

/** What counts as issued to an earlier user of the same id: units and rounding of the comparisons. */
describe('issued to an earlier user of the same id', () => {
  const user = { createdAt: '2026-12-06T10:00:05.400Z' };
  const createdSecond = Math.floor(Date.parse(user.createdAt) / 1000);

  it('refuses an access token naming another user record, to the millisecond, whatever its iat', () => {
    expect(isTokenOfEarlierUser(user, { iat: createdSecond, userCreatedAt: '2026-12-06T10:00:05.399Z' })).toBe(true);
    expect(isTokenOfEarlierUser(user, { iat: createdSecond + 60, userCreatedAt: '2026-12-06T10:00:05.401Z' })).toBe(true);
    expect(isTokenOfEarlierUser(user, { iat: createdSecond, userCreatedAt: user.createdAt })).toBe(false);
  });

  it('refuses an access token without the user record it was issued to only when its iat is before the second the user was created', () => {
    expect(isTokenOfEarlierUser(user, { iat: createdSecond - 1, userCreatedAt: undefined })).toBe(true);
    expect(isTokenOfEarlierUser(user, { iat: createdSecond, userCreatedAt: undefined })).toBe(false);
    expect(isTokenOfEarlierUser(user, { iat: createdSecond + 1, userCreatedAt: undefined })).toBe(false);
  });

  it('refuses an access token with no numeric iat and no user record', () => {
    expect(isTokenOfEarlierUser(user, { iat: undefined, userCreatedAt: undefined })).toBe(true);
    expect(isTokenOfEarlierUser(user, { iat: String(createdSecond), userCreatedAt: undefined })).toBe(true);
  });

  it('refuses a grant issued to another user record, to the millisecond, whether created before this one or after', () => {
    expect(isGrantOfEarlierUser(user, { userCreatedAt: '2026-12-06T10:00:05.399Z', authTime: createdSecond })).toBe(true);
    expect(isGrantOfEarlierUser(user, { userCreatedAt: '2026-12-06T10:00:05.401Z', authTime: createdSecond })).toBe(true);
    expect(isGrantOfEarlierUser(user, { userCreatedAt: user.createdAt, authTime: createdSecond - 60 })).toBe(false);
  });

  it('judges a grant recorded before the user it was issued to was kept by its login time, as an iat', () => {
    expect(isGrantOfEarlierUser(user, { authTime: createdSecond - 1 })).toBe(true);
    expect(isGrantOfEarlierUser(user, { authTime: createdSecond })).toBe(false);
  });

  it('refuses nothing for a user whose createdAt does not parse', () => {
    const damaged = { createdAt: 'not a date' };
    expect(isTokenOfEarlierUser(damaged, { iat: 0, userCreatedAt: undefined })).toBe(false);
    expect(isTokenOfEarlierUser(damaged, { iat: 0, userCreatedAt: user.createdAt })).toBe(false);
    expect(isGrantOfEarlierUser(damaged, { userCreatedAt: user.createdAt, authTime: 0 })).toBe(false);
  });
});

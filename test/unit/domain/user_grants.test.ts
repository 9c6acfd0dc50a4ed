import { describe, expect, it } from '@jest/globals';
import { consentNeeded, grantedScopes, MAX_USER_GRANTS, withGrant } from '../../../src/domain/user_grants.js';
import type { User } from '../../../src/domain/types.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const user: User = { tenant: 'acme', userId: 'fitbit|ADA', identities: [], loginsCount: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const thirdParty = { clientId: 'partner', isFirstParty: false };
const ask = (scope: string[], prompt: string[] = []) => ({ scope, prompt });

describe('user consent to third-party applications', () => {
  it('never asks for a first-party application, the default when is_first_party was never set', () => {
    expect(consentNeeded({ clientId: 'own' }, user, ask(['openid', 'email']))).toBe(false);
    expect(consentNeeded({ clientId: 'own', isFirstParty: true }, user, ask(['openid'], ['consent']))).toBe(false);
  });

  it('asks a third-party application’s user until every requested scope was allowed, then no more', () => {
    expect(consentNeeded(thirdParty, user, ask(['openid']))).toBe(true);
    const allowed = withGrant(user, 'partner', ['openid', 'profile'], NOW);
    expect(consentNeeded(thirdParty, allowed, ask(['openid', 'profile']))).toBe(false);
    expect(consentNeeded(thirdParty, allowed, ask(['openid']))).toBe(false);
    expect(consentNeeded(thirdParty, allowed, ask(['openid', 'email']))).toBe(true);
    expect(consentNeeded({ clientId: 'other', isFirstParty: false }, allowed, ask(['openid']))).toBe(true);
  });

  it('asks again with prompt=consent whatever was allowed', () => {
    const allowed = withGrant(user, 'partner', ['openid'], NOW);
    expect(consentNeeded(thirdParty, allowed, ask(['openid'], ['consent']))).toBe(true);
  });

  it('adds newly allowed scopes to what was allowed before, one grant per application, dated', () => {
    const first = withGrant(user, 'partner', ['openid', 'profile'], NOW);
    const later = withGrant(first, 'partner', ['openid', 'email'], new Date('2026-12-02T00:00:00.000Z'));
    expect(grantedScopes(later, 'partner')).toEqual(['openid', 'profile', 'email']);
    expect(later.grants).toEqual([{ id: first.grants?.[0]?.id, clientId: 'partner', scope: ['openid', 'profile', 'email'], grantedAt: '2026-12-02T00:00:00.000Z' }]);
    expect(grantedScopes(later, 'nobody')).toEqual([]);
    expect(user.grants).toBeUndefined();
  });

  it('keeps the newest grants within the bound, forgetting the one allowed longest ago', () => {
    let many = user;
    for (let n = 0; n <= MAX_USER_GRANTS; n += 1) many = withGrant(many, `app${n}`, ['openid'], NOW);
    expect(many.grants).toHaveLength(MAX_USER_GRANTS);
    expect(grantedScopes(many, 'app0')).toEqual([]);
    expect(grantedScopes(many, `app${MAX_USER_GRANTS}`)).toEqual(['openid']);
  });
});

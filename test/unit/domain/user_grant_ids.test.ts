import { describe, expect, it } from '@jest/globals';
import { consentGrantIdOf, consentStands, findUserGrant, userGrantId, userIdOfGrant, withGrant, withoutGrants } from '../../../src/domain/user_grants.js';
import type { User } from '../../../src/domain/types.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const user: User = { tenant: 'acme', userId: 'fitbit|ADA', identities: [], loginsCount: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const thirdParty = { clientId: 'partner', isFirstParty: false };
/** A grant as the consent page stored it before grants kept an id. */
const stored = { clientId: 'partner', scope: ['openid'], grantedAt: NOW.toISOString() };

describe('the ids of user grants (/api/v2/grants/{id})', () => {
  it('gives a new grant an id naming its user, and keeps it while scopes are added', () => {
    const first = withGrant(user, 'partner', ['openid'], NOW);
    const id = first.grants?.[0]?.id ?? '';
    expect(userIdOfGrant(id)).toBe('fitbit|ADA');
    const wider = withGrant(first, 'partner', ['email'], NOW);
    expect(wider.grants?.[0]?.id).toBe(id);
  });

  it('gives a grant given again after a revocation another id', () => {
    const first = withGrant(user, 'partner', ['openid'], NOW);
    const again = withGrant(withoutGrants(first, () => true), 'partner', ['openid'], NOW);
    expect(again.grants?.[0]?.id).not.toBe(first.grants?.[0]?.id);
  });

  it('derives the same id at every read for a grant stored without one, and keeps it once scopes are added', () => {
    const old: User = { ...user, grants: [stored] };
    const id = userGrantId(old, stored);
    expect(userGrantId({ ...old }, { ...stored })).toBe(id);
    expect(userIdOfGrant(id)).toBe('fitbit|ADA');
    expect(findUserGrant(old, id)).toBe(stored);
    expect(withGrant(old, 'partner', ['email'], NOW).grants?.[0]?.id).toBe(id);
  });

  it("derives another id for the same user and client in another tenant", () => {
    expect(userGrantId({ tenant: 'other', userId: user.userId }, stored)).not.toBe(userGrantId(user, stored));
  });

  it('reads no user from text that is not a grant id fitgate made', () => {
    for (const id of ['', '.', 'abc', 'abc.', '.abcdefghijklmnopqrstuv', 'Zml0Yml0fEFEQQ.short', 'Zml0Yml0fEFEQQ==.abcdefghijklmnopqrstuv', 'Zml0Yml0fEFEQQ.abc/defghijklmnopqrstuv']) {
      expect(userIdOfGrant(id)).toBeUndefined();
    }
  });
});

describe('withoutGrants', () => {
  it('removes the grants it picks and returns the same user when it picks none', () => {
    const two = withGrant(withGrant(user, 'partner', ['openid'], NOW), 'other', ['openid'], NOW);
    expect(withoutGrants(two, (grant) => grant.clientId === 'partner').grants?.map((grant) => grant.clientId)).toEqual(['other']);
    expect(withoutGrants(two, () => false)).toBe(two);
    expect(withoutGrants(user, () => true)).toBe(user);
  });
});

describe('tokens issued under a consent', () => {
  const granted = withGrant(user, 'partner', ['openid'], NOW);
  const consent = consentGrantIdOf(granted, 'partner');
  const issued = (consentGrantId: string | undefined, scope = ['openid']) => ({ consentGrantId, scope });

  it('stand for a first-party client whatever the user allowed', () => {
    expect(consentStands({ clientId: 'own' }, user, issued(undefined))).toBe(true);
  });

  it("stand for a third-party client while the user's grant they were issued under does", () => {
    expect(consent).toBeDefined();
    expect(consentStands(thirdParty, granted, issued(consent))).toBe(true);
    expect(consentStands(thirdParty, withGrant(granted, 'partner', ['email'], NOW), issued(consent))).toBe(true);
  });

  it('fall when they carry a scope the grant does not (issued while the client was first-party)', () => {
    expect(consentStands(thirdParty, granted, issued(consent, ['openid', 'email']))).toBe(false);
  });

  it('fall with the grant, and stay down when the user allows the application again', () => {
    const revoked = withoutGrants(granted, () => true);
    expect(consentStands(thirdParty, revoked, issued(consent))).toBe(false);
    expect(consentStands(thirdParty, withGrant(revoked, 'partner', ['openid'], NOW), issued(consent))).toBe(false);
  });

  it('stand, when issued under no grant, only while the user allowed the client every scope they carry', () => {
    expect(consentStands(thirdParty, granted, issued(undefined))).toBe(true);
    expect(consentStands(thirdParty, user, issued(undefined))).toBe(false);
    expect(consentStands(thirdParty, granted, issued(undefined, ['openid', 'email']))).toBe(false);
    expect(consentStands(thirdParty, withGrant(granted, 'partner', ['email'], NOW), issued(undefined, ['openid', 'email']))).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { SessionEndDeps, SessionEndPlace } from '../../../src/domain/ended_sessions.js';
import type { Tenant, User } from '../../../src/domain/types.js';
import { changeUser, withBlocked } from '../../../src/domain/user_changes.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const ADA: User = {
  tenant: 'acme',
  userId: 'fitbit|ADA',
  identities: [],
  loginsCount: 1,
  signInUrls: ['https://login.acme.example'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const tenant: Tenant = { name: 'acme', domains: [], signingKeys: [], createdAt: '2026-01-01T00:00:00.000Z' };
const place: SessionEndPlace = { tenant, tenantUrl: 'http://acme.localhost:3000' };

/** One user in memory, and the applications' announcements it was asked to make. */
function deps(stored: User) {
  let user = stored;
  const told: { userId: string; signInUrls: readonly string[] | undefined }[] = [];
  const sessionEnds: SessionEndDeps = {
    users: { get: () => Promise.resolve(user), update: (next) => Promise.resolve((user = next)) },
    tellApplications: (_place, userId, signInUrls) => Promise.resolve(void told.push({ userId, signInUrls })),
  };
  return { sessionEnds, told, stored: () => user };
}

/**
 * changeUser is PATCH /api/v2/users/{id}'s and the dashboard's Block / Unblock's one way to change
 * a user: a change that blocks the user ends their sessions in the same write and tells the
 * applications once, where their sign-ins were made; one that leaves them blocked, or unblocks
 * them, ends nothing.
 */
describe('a change an administrator makes to a user', () => {
  it('ends the sessions of a user it blocks, in the same write, and tells the applications where the sign-ins were made', async () => {
    const { sessionEnds, told, stored } = deps(ADA);
    const blocked = await changeUser(sessionEnds, place, ADA.userId, (user, now) => withBlocked(user, true, now), NOW);
    expect(blocked).toEqual({ ...ADA, signInUrls: undefined, blocked: true, updatedAt: NOW.toISOString(), sessionsEndedAt: NOW.toISOString() });
    expect(stored()).toBe(blocked);
    expect(told).toEqual([{ userId: ADA.userId, signInUrls: ['https://login.acme.example'] }]);
  });

  it('ends nothing when the user stays blocked, is unblocked, or is changed otherwise', async () => {
    const { sessionEnds, told, stored } = deps({ ...ADA, blocked: true, sessionsEndedAt: '2026-11-01T00:00:00.000Z' });
    await changeUser(sessionEnds, place, ADA.userId, (user, now) => withBlocked(user, true, now), NOW);
    await changeUser(sessionEnds, place, ADA.userId, (user, now) => withBlocked(user, false, now), NOW);
    await changeUser(sessionEnds, place, ADA.userId, (user, now) => ({ ...user, name: 'Ada', updatedAt: now.toISOString() }), NOW);
    expect(stored()).toMatchObject({ blocked: false, name: 'Ada', sessionsEndedAt: '2026-11-01T00:00:00.000Z' });
    expect(told).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { hearsOfEndedSessions, isSignInEnded, withSessionsEnded } from '../../../src/domain/ended_sessions.js';
import type { User } from '../../../src/domain/types.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const user: User = { tenant: 'acme', userId: 'fitbit|ADA', identities: [], loginsCount: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

describe('ending all of a user’s sessions', () => {
  it('marks the user with the time of the end, and leaves the rest of the record as it was', () => {
    expect(withSessionsEnded(user, NOW)).toEqual({ ...user, sessionsEndedAt: '2026-12-01T10:00:00.000Z' });
  });

  it('always moves the mark on, even from a clock behind the one that set it, so a second end is never lost', () => {
    const first = withSessionsEnded(user, NOW);
    const again = withSessionsEnded(first, NOW);
    const behind = withSessionsEnded(again, new Date(NOW.getTime() - 5_000));
    expect(again.sessionsEndedAt).toBe('2026-12-01T10:00:00.001Z');
    expect(behind.sessionsEndedAt).toBe('2026-12-01T10:00:00.002Z');
  });

  it('ends a sign-in that read another mark at its login, or none, and no sign-in of a user never ended', () => {
    const ended = withSessionsEnded(user, NOW);
    expect(isSignInEnded(user, {})).toBe(false);
    expect(isSignInEnded(ended, {})).toBe(true);
    expect(isSignInEnded(ended, { sessionsEndedAt: '2026-11-01T00:00:00.000Z' })).toBe(true);
    expect(isSignInEnded(ended, { sessionsEndedAt: ended.sessionsEndedAt! })).toBe(false);
  });

  it('tells an application with a back-channel logout URL that chose session-revoked or all, as Auth0 does, and no other', () => {
    const url = ['https://app.example/logout'];
    expect(hearsOfEndedSessions({ oidcLogout: { backchannelLogoutUrls: url, backchannelLogoutInitiators: { mode: 'all' } } })).toBe(true);
    expect(hearsOfEndedSessions({ oidcLogout: { backchannelLogoutUrls: url, backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['session-revoked'] } } })).toBe(true);
    expect(hearsOfEndedSessions({ oidcLogout: { backchannelLogoutUrls: url, backchannelLogoutInitiators: { mode: 'custom', selectedInitiators: ['rp-logout'] } } })).toBe(false);
    expect(hearsOfEndedSessions({ oidcLogout: { backchannelLogoutUrls: url } })).toBe(false);
    expect(hearsOfEndedSessions({ oidcLogout: { backchannelLogoutUrls: [], backchannelLogoutInitiators: { mode: 'all' } } })).toBe(false);
    expect(hearsOfEndedSessions({})).toBe(false);
  });
});

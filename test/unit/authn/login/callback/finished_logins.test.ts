import { describe, expect, it } from '@jest/globals';
import type { SessionData } from 'express-session';
import {
  FINISHED_LOGIN_TTL_MS,
  finishedLoginOf,
  MAX_FINISHED_LOGINS,
  recentFinishedLogins,
  rememberFinishedLogin,
} from '../../../../../src/authn/login/callback/finished_logins.js';
import { usedStateHash } from '../../../../../src/authn/login/callback/used_state_hash.js';

const NOW = 1_700_000_000_000;
const stateOf = (n: number) => String(n).padStart(43, 'S');
const login = (n: number) => ({ upstreamState: stateOf(n), tenant: 'acme', clientName: `App ${n}`, returnTo: 'https://app.example' });

/** Logs in `count` times in one session, a minute apart, carrying the earlier entries as the callback does. */
function sessionWith(count: number): Pick<SessionData, 'finishedLogins'> {
  const session: Pick<SessionData, 'finishedLogins'> = {};
  for (let n = 1; n <= count; n += 1) {
    const at = NOW + (n - count) * 60_000;
    rememberFinishedLogin(session, recentFinishedLogins(session, at), login(n), at);
  }
  return session;
}

describe('the logins a session finished a moment ago', () => {
  it('recognises the state of a finished login at its tenant only', () => {
    const session = sessionWith(1);
    expect(finishedLoginOf(session, stateOf(1), 'acme', NOW)).toMatchObject({ clientName: 'App 1', returnTo: 'https://app.example' });
    expect(finishedLoginOf(session, stateOf(1), 'other', NOW)).toBeUndefined();
    expect(finishedLoginOf(session, stateOf(2), 'acme', NOW)).toBeUndefined();
    expect(finishedLoginOf(session, [stateOf(1)], 'acme', NOW)).toBeUndefined();
    expect(finishedLoginOf(undefined, stateOf(1), 'acme', NOW)).toBeUndefined();
  });

  it('recognises the first round’s state of a login that was sent back upstream once, at its tenant only', () => {
    const session: Pick<SessionData, 'finishedLogins'> = {};
    rememberFinishedLogin(session, [], { ...login(2), replaced: usedStateHash(stateOf(1)) }, NOW);
    expect(finishedLoginOf(session, stateOf(1), 'acme', NOW)).toMatchObject({ clientName: 'App 2' });
    expect(finishedLoginOf(session, stateOf(2), 'acme', NOW)).toMatchObject({ clientName: 'App 2' });
    expect(finishedLoginOf(session, stateOf(1), 'other', NOW)).toBeUndefined();
    expect(JSON.stringify(session)).not.toContain(stateOf(1));
  });

  it('forgets a login ten minutes after it finished', () => {
    const session = sessionWith(1);
    expect(finishedLoginOf(session, stateOf(1), 'acme', NOW + FINISHED_LOGIN_TTL_MS - 1)).toBeDefined();
    expect(finishedLoginOf(session, stateOf(1), 'acme', NOW + FINISHED_LOGIN_TTL_MS)).toBeUndefined();
  });

  it('keeps only the latest few, and drops expired ones at the next login', () => {
    const session = sessionWith(MAX_FINISHED_LOGINS + 2);
    expect(session.finishedLogins?.map((entry) => entry.clientName)).toEqual(['App 3', 'App 4', 'App 5']);
    expect(finishedLoginOf(session, stateOf(2), 'acme', NOW)).toBeUndefined();

    const later = NOW + FINISHED_LOGIN_TTL_MS;
    rememberFinishedLogin(session, recentFinishedLogins(session, later), login(6), later);
    expect(session.finishedLogins?.map((entry) => entry.clientName)).toEqual(['App 6']);
  });

  it('keeps the state only hashed', () => {
    expect(JSON.stringify(sessionWith(1))).not.toContain(stateOf(1));
  });
});

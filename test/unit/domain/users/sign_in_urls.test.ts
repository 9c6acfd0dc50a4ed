import { describe, expect, it } from '@jest/globals';
import { MAX_SIGN_IN_URLS, withSessionsEnded } from '../../../../src/domain/ended_sessions.js';
import type { UserRepository } from '../../../../src/domain/ports.js';
import { recordLogin } from '../../../../src/domain/users.js';
import { memoryUsers } from '../../../support/authn/memory_repositories.js';
import { aLogin, testSealer } from './login_fixtures.js';

const OWN = 'https://login.acme.example';
const NAMED = 'https://acme.fitgate.example';

type Users = Pick<UserRepository, 'findByIdentity' | 'create' | 'update'>;

/** The repository, counting the calls the login makes. */
function counted(users: Users): { users: Users; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    users: {
      findByIdentity: (...args) => (calls.push('findByIdentity'), users.findByIdentity(...args)),
      create: (user) => (calls.push('create'), users.create(user)),
      update: (user) => (calls.push('update'), users.update(user)),
    },
  };
}

/**
 * A login remembers on the user the tenant URL it was made at (the issuer of its id_tokens), in the
 * record it writes anyway, for the logout tokens of a later end (domain/ended_sessions.ts).
 */
describe('the tenant URLs a user signed in at', () => {
  it('are written with the login’s own record: one read and one write, as without them', async () => {
    const memory = memoryUsers();
    const first = counted(memory);
    const { user: created } = await recordLogin({ users: first.users, sealer: testSealer }, aLogin({ tenantUrl: OWN }));
    expect(created.signInUrls).toEqual([OWN]);
    expect(first.calls).toEqual(['findByIdentity', 'create']);

    const again = counted(memory);
    const { user } = await recordLogin({ users: again.users, sealer: testSealer }, aLogin({ tenantUrl: NAMED }));
    expect(user.signInUrls).toEqual([OWN, NAMED]);
    expect(again.calls).toEqual(['findByIdentity', 'update']);
  });

  it('keep each URL once, and forget the oldest past the bound', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin({ tenantUrl: OWN }));
    await recordLogin({ users, sealer: testSealer }, aLogin({ tenantUrl: OWN }));
    expect(users.all()[0]?.signInUrls).toEqual([OWN]);

    for (let index = 0; index < MAX_SIGN_IN_URLS; index += 1) {
      await recordLogin({ users, sealer: testSealer }, aLogin({ tenantUrl: `https://login${index}.acme.example` }));
    }
    const urls = users.all()[0]?.signInUrls ?? [];
    expect(urls).toHaveLength(MAX_SIGN_IN_URLS);
    expect(urls).not.toContain(OWN);
    expect(urls.at(-1)).toBe(`https://login${MAX_SIGN_IN_URLS - 1}.acme.example`);
  });

  it('are left as they were by a login that names none', async () => {
    const users = memoryUsers();
    await recordLogin({ users, sealer: testSealer }, aLogin({ tenantUrl: OWN }));
    const { user } = await recordLogin({ users, sealer: testSealer }, aLogin());
    expect(user.signInUrls).toEqual([OWN]);
  });

  it('are forgotten when the sessions end: the next sign-in starts the list again', async () => {
    const users = memoryUsers();
    const { user } = await recordLogin({ users, sealer: testSealer }, aLogin({ tenantUrl: OWN }));
    const ended = withSessionsEnded(user, new Date('2026-12-01T10:00:00.000Z'));
    expect(ended).not.toHaveProperty('signInUrls');
    await users.update(ended);
    const { user: next } = await recordLogin({ users, sealer: testSealer }, aLogin({ tenantUrl: NAMED }));
    expect(next.signInUrls).toEqual([NAMED]);
  });
});

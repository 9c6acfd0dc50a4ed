import { scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { verifyPassword } from '../../../../src/domain/passwords.js';
import { signedInAgent, startDashboardHarness, type DashboardHarness } from '../dashboard_harness.js';

/** A hash made with N = 2^14, as an older release might have stored it. */
function weakHash(password: string): string {
  const salt = Buffer.from('0123456789abcdef');
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url')}`;
}

/**
 * An admin whose password hash has weaker parameters than today's gets a new one at their next
 * sign-in, from the password just verified. It is no password change (their sessions stay), and a
 * store that refuses the write costs them nothing: they are signed in all the same.
 */
describe('a weak admin password hash at sign-in', () => {
  let harness: DashboardHarness;
  beforeAll(async () => {
    harness = await startDashboardHarness();
  });
  afterAll(() => harness?.close());

  async function seedWeak(email: string, password: string) {
    await harness.store.admins.create({ email, passwordHash: weakHash(password), tenants: ['default'], createdAt: new Date().toISOString(), credentialVersion: 7 });
    return { email, password, tenants: ['default'] };
  }

  it('is replaced by one with today’s parameters that verifies the same password, the credential version kept', async () => {
    const admin = await seedWeak('weak@example.com', 'an old password');
    const agent = await signedInAgent(harness.app, admin);

    const stored = (await harness.store.admins.get(admin.email))!;
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('an old password', stored.passwordHash!)).toBe(true);
    expect(stored.credentialVersion).toBe(7);
    // The session just made still counts.
    await agent.get('/manage/t/default').expect(200);
  });

  it('stays as it was, and the admin is signed in all the same, when the store refuses the write', async () => {
    const admin = await seedWeak('weak-store-down@example.com', 'another old password');
    const before = (await harness.store.admins.get(admin.email))!.passwordHash;
    const update = jest.spyOn(harness.store.admins, 'update').mockRejectedValue(new Error('store down'));
    try {
      const agent = await signedInAgent(harness.app, admin);
      await agent.get('/manage/t/default').expect(200);
    } finally {
      update.mockRestore();
    }
    expect((await harness.store.admins.get(admin.email))!.passwordHash).toBe(before);
  });
});

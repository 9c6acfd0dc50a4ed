import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';
import { hashPassword } from '../../../src/domain/passwords.js';
import { runAdmin } from './run_admin.js';

/**
 * The dashboard address `npm run admin -- reset-password` prints is the one fitgate derives from the
 * same settings (FITGATE_PUBLIC_URL, else PORT), read by the same configuration code, and the output
 * says where it comes from: a command run without the server's settings cannot know them.
 */
describe('the address npm run admin -- reset-password prints', () => {
  let testStore: TestStore;
  const email = 'address@example.com';

  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    await testStore.store.admins.create({ email, tenants: ['default'], passwordHash: await hashPassword('an old password'), createdAt: new Date().toISOString() });
  });
  afterAll(() => testStore.cleanup());

  const reset = (environment: Record<string, string>) => runAdmin(['reset-password', email], { FITGATE_DATA_DIR: testStore.location, ...environment });

  it('is the port fitgate would serve at with the same PORT', async () => {
    const run = await reset({ PORT: '3981' });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('Sign in at http://localhost:3981/manage and change it');
  }, 60_000);

  it('is FITGATE_PUBLIC_URL when it is set', async () => {
    const run = await reset({ PORT: '3981', FITGATE_PUBLIC_URL: 'https://id.example.com' });
    expect(run.stdout).toContain('Sign in at https://id.example.com/manage and change it');
  }, 60_000);

  it('says which settings the address comes from', async () => {
    const run = await reset({});
    expect(run.stdout).toContain('Sign in at http://localhost:3000/manage');
    expect(run.stdout).toContain('(That address comes from FITGATE_PUBLIC_URL, or else PORT, as set for this command; if fitgate runs with other settings, use the address it serves.)');
  }, 60_000);
});

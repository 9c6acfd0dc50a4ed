import { describe, expect, it } from '@jest/globals';
import { readFirstPasswordFile, writeFirstPasswordFile } from '../../../../src/dashboard/account/first_password_file.js';
import { PASSWORD_CHANGE_LIMITS } from '../../../../src/dashboard/account/password_change_limiter.js';
import { verifyPassword } from '../../../../src/domain/passwords.js';
import { signedInAgent, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/** An admin changes their own password, proving the current one first. */
describe('changing the admin password', () => {
  const dashboard = useSignedInDashboard();

  it('refuses a wrong current password and keeps the old one', async () => {
    const refused = await submitForm(dashboard.agent(), '/manage/account', '/manage/account', { current_password: 'wrong', password: 'a brand new password', confirm: 'a brand new password' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('This is not your current password.');
    expect(await verifyPassword(dashboard.admin().password, (await dashboard.harness().store.admins.get(dashboard.admin().email))!.passwordHash!)).toBe(true);
  });

  it('reports a wrong current password, a short new one and a repeat that differs together, each at its field', async () => {
    const { email, password } = dashboard.admin();
    const before = (await dashboard.harness().store.admins.get(email))!;
    const refused = await submitForm(dashboard.agent(), '/manage/account', '/manage/account', { current_password: 'wrong', password: 'short', confirm: 'shorter' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="current_password-error">This is not your current password.</p>');
    expect(refused.text).toMatch(/<p class="field-error" id="password-error">Use at least \d+ characters\.<\/p>/);
    expect(refused.text).toContain('<p class="field-error" id="confirm-error">The two passwords differ.</p>');
    expect(refused.text.match(/ aria-invalid="true"/g)).toHaveLength(3);
    expect(await dashboard.harness().store.admins.get(email)).toEqual(before);
    expect(await verifyPassword(password, before.passwordHash!)).toBe(true);
  });

  it('refuses the current password as the new one, which would change nothing', async () => {
    const { password, email } = dashboard.admin();
    const before = (await dashboard.harness().store.admins.get(email))!;
    const refused = await submitForm(dashboard.agent(), '/manage/account', '/manage/account', { current_password: password, password, confirm: password });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Choose a password other than your current one.');
    expect(await dashboard.harness().store.admins.get(email)).toEqual(before);
  });

  it('changes the password when the current one is right', async () => {
    const changed = await submitForm(dashboard.agent(), '/manage/account', '/manage/account', {
      current_password: dashboard.admin().password,
      password: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(changed.status).toBe(303);
    expect(await verifyPassword('a brand new password', (await dashboard.harness().store.admins.get(dashboard.admin().email))!.passwordHash!)).toBe(true);
    await dashboard.agent().get('/manage/account?changed=1').expect(200);
  });

  it('removes the first-start password file once its admin has changed the password, and only then', async () => {
    const { config } = dashboard.harness();
    const admin = await dashboard.harness().seedAdmin('first@example.com', ['default']);
    const other = await dashboard.harness().seedAdmin('other@example.com', ['default']);
    await writeFirstPasswordFile(config.dataDir, { email: admin.email, password: admin.password });
    const change = async (who: typeof admin) =>
      submitForm(await signedInAgent(dashboard.harness().app, who), '/manage/account', '/manage/account', {
        current_password: who.password,
        password: 'a password of their own',
        confirm: 'a password of their own',
      });
    expect((await change(other)).status).toBe(303);
    expect(await readFirstPasswordFile(config.dataDir)).toEqual({ email: admin.email, password: admin.password });
    expect((await change(admin)).status).toBe(303);
    expect(await readFirstPasswordFile(config.dataDir)).toBeUndefined();
  });

  it(`bounds wrong current passwords on an open session: after ${PASSWORD_CHANGE_LIMITS.attempts}, 429 with the real wait`, async () => {
    const admin = await dashboard.harness().seedAdmin('guessed@example.com', ['default']);
    const agent = await signedInAgent(dashboard.harness().app, admin);
    const guess = (current: string) => submitForm(agent, '/manage/account', '/manage/account', { current_password: current, password: 'a brand new password', confirm: 'a brand new password' });
    for (let i = 0; i < PASSWORD_CHANGE_LIMITS.attempts; i += 1) expect((await guess(`wrong ${i}`)).status).toBe(400);
    const limited = await guess(admin.password);
    expect(limited.status).toBe(429);
    expect(limited.text).toMatch(/Try again in 1[45] minutes\./);
    expect(await verifyPassword(admin.password, (await dashboard.harness().store.admins.get(admin.email))!.passwordHash!)).toBe(true);
  });
});

import { describe, expect, it } from '@jest/globals';
import { verifyPassword } from '../../../../src/domain/passwords.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The account page's new password: at least 12 characters as a person counts them (an emoji is one),
 * and not white space alone, however long.
 */
describe('the new password on the account page', () => {
  const dashboard = useSignedInDashboard();

  async function change(password: string) {
    return submitForm(dashboard.agent(), '/manage/account', '/manage/account', { current_password: dashboard.admin().password, password, confirm: password });
  }

  async function stillTheOldPassword(): Promise<boolean> {
    const { email, password } = dashboard.admin();
    return verifyPassword(password, (await dashboard.harness().store.admins.get(email))!.passwordHash!);
  }

  it.each([
    ['twelve spaces', ' '.repeat(12)],
    ['tabs, line breaks and no-break spaces', '\t\n\u00a0\u3000'.repeat(4)],
  ])('refuses %s, saying why, and keeps the old password', async (_case, password) => {
    const refused = await change(password);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="password-error">Use more than spaces: add letters, digits or symbols.</p>');
    expect(await stillTheOldPassword()).toBe(true);
  });

  it('counts an emoji as one character: six are too few, though JavaScript counts twelve', async () => {
    const refused = await change('🔑'.repeat(6));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="password-error">Use at least 12 characters.</p>');
    expect(await stillTheOldPassword()).toBe(true);
  });

  it('takes twelve emoji', async () => {
    expect((await change('🔑'.repeat(12))).status).toBe(303);
    expect((await dashboard.harness().store.admins.get(dashboard.admin().email))!.passwordHash).toBeDefined();
  });
});

import { adminPasswordProblem, MIN_PASSWORD_LENGTH } from '../../config/admin_password_rule.js';

/** The rule of config/admin_password_rule.ts, the same floor as FITGATE_ADMIN_PASSWORD's. */
export { MIN_PASSWORD_LENGTH };

/** Why `password` cannot be a new password, in the form's words; undefined when it can. */
export function newPasswordProblem(password: string): string | undefined {
  const problem = adminPasswordProblem(password);
  if (problem === 'too_short') return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (problem === 'spaces_only') return 'Use more than spaces: add letters, digits or symbols.';
  return undefined;
}

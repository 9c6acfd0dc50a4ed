/**
 * What an admin's password must be, wherever it is chosen: FITGATE_ADMIN_PASSWORD at the first
 * start, the dashboard's account page and set-password link (dashboard/account/new_password_rule.ts
 * words it for the form). At least 12 characters, counted as a person counts them (code points: an
 * emoji is one, not the two UTF-16 units JavaScript stores). Spaces are welcome (a few unrelated
 * words make a good password), but not spaces alone: twelve of them meet the length and are the
 * first thing a guesser tries. Here, beside the setting, since the configuration imports nothing.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** Why `password` cannot be an admin's password; undefined when it can. */
export function adminPasswordProblem(password: string): 'too_short' | 'spaces_only' | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (/^\s*$/u.test(password)) return 'spaces_only';
  return undefined;
}

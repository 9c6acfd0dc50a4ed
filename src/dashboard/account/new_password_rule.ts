/**
 * What a dashboard admin's new password must be, wherever it is chosen: the account page and the
 * set-password link. At least 12 characters, counted as a person counts them (code points: an emoji
 * is one, not the two UTF-16 units JavaScript stores), the same floor as FITGATE_ADMIN_PASSWORD.
 * Spaces are welcome (a few unrelated words make a good password), but not spaces alone: twelve of
 * them meet the length and are the first thing a guesser tries.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** Why `password` cannot be a new password, in the form's words; undefined when it can. */
export function newPasswordProblem(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (/^\s*$/u.test(password)) return 'Use more than spaces: add letters, digits or symbols.';
  return undefined;
}

import { verifyPassword } from '../../domain/passwords.js';

/**
 * The commonest slip at the dashboard's sign-in: a space, tab or line break pasted with the
 * generated password (copied from admin-password.txt or the start's printout, whose line goes on
 * with two spaces). The sign-in is still refused, as /oauth/token refuses a client secret with
 * whitespace around it (authn/client_auth/copied_whitespace.ts), but the refusal names the slip.
 *
 * Said only when the password without that whitespace is the account's: only someone who holds the
 * password learns anything from it. A password that really begins or ends with a space matched as
 * typed and never comes here. The trimmed password is checked whenever the typed one has whitespace
 * at either end, against the decoy hash when the email is no admin's, so the time taken still does
 * not tell which emails are admins.
 */
export const COPIED_WHITESPACE_REFUSAL =
  'That email and password do not match an admin account: the password begins or ends with whitespace (a space, tab or line break copied with it), ' +
  "and without it, it is this account's password. Remove it and sign in again.";

/** Whether `password`, refused as typed, is the account's once trimmed. `passwordHash`: the admin's, undefined for no admin. */
export async function rightOnceTrimmed(password: string, passwordHash: string | undefined, decoyHash: Promise<string>): Promise<boolean> {
  const trimmed = password.trim();
  if (trimmed === password || trimmed === '') return false;
  if (!passwordHash) return verifyPassword(trimmed, await decoyHash).then(() => false);
  return verifyPassword(trimmed, passwordHash);
}

import type { AppDeps } from '../../app_deps.js';
import { updateAdmin } from '../../domain/admin_updates.js';
import { hashPassword, needsRehash } from '../../domain/passwords.js';
import type { AdminAccount } from '../../domain/types.js';

/**
 * After a successful sign-in, replaces a hash made with weaker parameters than today's
 * (domain/passwords.ts) by one made now from the password just verified: the only moment fitgate
 * holds the password. Not a password change: the credential version stays, so no session or
 * set-password link ends. Written only over the very hash that was verified, so a password set
 * meanwhile wins. Best effort: a failure is logged and never fails the sign-in, which the old hash
 * still serves.
 */
export async function rehashIfWeak(deps: Pick<AppDeps, 'store' | 'logger'>, admin: AdminAccount, password: string): Promise<void> {
  const verified = admin.passwordHash;
  if (verified === undefined || !needsRehash(verified)) return;
  try {
    const passwordHash = await hashPassword(password);
    await updateAdmin(deps.store.admins, admin.email, (current) => (current.passwordHash === verified ? { ...current, passwordHash } : current));
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not store the stronger hash of an admin password; the old one still works');
  }
}

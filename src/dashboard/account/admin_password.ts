import { NotFoundInStoreError, type AdminRepository } from '../../domain/ports.js';
import { credentialVersionOf, withNewCredentialVersion } from '../../domain/admin_credentials.js';
import { updateAdmin } from '../../domain/admin_updates.js';
import { hashPassword } from '../../domain/passwords.js';
import type { AdminAccount } from '../../domain/types.js';
import { removeFirstPasswordFile } from './first_password_file.js';

/**
 * Gives an admin a new password: the stored hash is replaced (which also starts the sign-in count
 * for that account afresh, see sign_in_limiter.ts), the credential version moves on (which signs out
 * every dashboard session of the account and voids its open set-password links; a caller acting
 * for a signed-in browser signs it in again with the returned record), and the first-start password
 * file goes when it was this admin's. Every way a password changes (account page, set-password link,
 * reset on the server) comes through here. The change is made to the admin as stored at the write
 * (domain/admin_updates.ts), so a tenant added meanwhile stays.
 *
 * `actingUnder` is the credential version the caller's authority comes from (the signed-in session's,
 * the link's): when the version has moved on by the write (another password set, a newer link), that
 * authority is gone, nothing is written and the answer is undefined; so too when the account was
 * deleted meanwhile. The reset on the server passes none, and a missing admin is then its error.
 */
export async function setAdminPassword(
  deps: { admins: Pick<AdminRepository, 'get' | 'update'>; dataDir: string },
  email: string,
  password: string,
  actingUnder?: { credentialVersion: number },
): Promise<AdminAccount | undefined> {
  // Hashed once, outside the change: scrypt is slow on purpose, and the change may run several times.
  const passwordHash = await hashPassword(password);
  let refused = false;
  const updated = await updateAdmin(deps.admins, email, (current) => {
    refused = actingUnder !== undefined && credentialVersionOf(current) !== actingUnder.credentialVersion;
    return refused ? current : { ...withNewCredentialVersion(current), passwordHash };
  }).catch((error: unknown) => {
    if (actingUnder !== undefined && error instanceof NotFoundInStoreError) return undefined;
    throw error;
  });
  if (refused || !updated) return undefined;
  await removeFirstPasswordFile(deps.dataDir, updated.email);
  return updated;
}

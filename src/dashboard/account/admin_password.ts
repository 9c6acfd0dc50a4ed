import type { AdminRepository } from '../../domain/ports.js';
import { withNewCredentialVersion } from '../../domain/admin_credentials.js';
import { hashPassword } from '../../domain/passwords.js';
import type { AdminAccount } from '../../domain/types.js';
import { removeFirstPasswordFile } from './first_password_file.js';

/**
 * Gives an admin a new password: the stored hash is replaced (which also starts the sign-in count
 * for that account afresh, see sign_in_limiter.ts), the credential version moves on (which signs out
 * every dashboard session of the account and voids its open set-password links; a caller acting
 * for a signed-in browser signs it in again with the returned record), and the first-start password
 * file goes when it was this admin's. Every way a password changes (account page, set-password link,
 * reset on the server) comes through here.
 */
export async function setAdminPassword(
  deps: { admins: Pick<AdminRepository, 'update'>; dataDir: string },
  admin: AdminAccount,
  password: string,
): Promise<AdminAccount> {
  const updated = { ...withNewCredentialVersion(admin), passwordHash: await hashPassword(password) };
  await deps.admins.update(updated);
  await removeFirstPasswordFile(deps.dataDir, admin.email);
  return updated;
}

import { NotFoundInStoreError, type AdminRepository, type AdminWriteOptions } from './ports.js';
import { retryStale } from './record_revisions.js';
import type { AdminAccount } from './types.js';

/**
 * Every change to a stored admin account comes through here. Reads the admin, applies `change` and
 * stores the result; when another write landed in between (StaleRecordError), reads again and
 * applies `change` to that, so both writes count: an invitation adding a tenant while the password
 * changes keeps the new password, and two invitations keep both tenants. `change` states what it
 * does to whatever record is current ("add tenant X"), may run several times and must only compute;
 * it returns `current` itself to write nothing (what it was to do is done, or no longer allowed).
 * Resolves with the admin as stored. Throws NotFoundInStoreError when there is no such admin, and
 * LastAdminError when `options` asks the store to keep every tenant's last admin and it would not.
 */
export async function updateAdmin(
  admins: Pick<AdminRepository, 'get' | 'update'>,
  email: string,
  change: (current: AdminAccount) => AdminAccount,
  options?: AdminWriteOptions,
): Promise<AdminAccount> {
  return retryStale(async () => {
    const current = await admins.get(email);
    if (!current) throw new NotFoundInStoreError(`admin ${email}`);
    const changed = change(current);
    return changed === current ? current : admins.update(changed, options);
  });
}

/**
 * As updateAdmin, for a change that may also delete the account: `change` returns null for that,
 * and the answer is then undefined. The deletion is made from the same read as the decision, so an
 * account that gained a tenant meanwhile is decided again rather than deleted with it.
 */
export async function updateOrDeleteAdmin(
  admins: Pick<AdminRepository, 'get' | 'update' | 'delete'>,
  email: string,
  change: (current: AdminAccount) => AdminAccount | null,
  options?: AdminWriteOptions,
): Promise<AdminAccount | undefined> {
  return retryStale(async () => {
    const current = await admins.get(email);
    if (!current) throw new NotFoundInStoreError(`admin ${email}`);
    const changed = change(current);
    if (changed !== null) return changed === current ? current : admins.update(changed, options);
    await admins.delete(current, options);
    return undefined;
  });
}

/** The change that adds `tenant` to an admin's tenants; none when it is there already. */
export function withTenant(tenant: string): (current: AdminAccount) => AdminAccount {
  return (current) => (current.tenants.includes(tenant) ? current : { ...current, tenants: [...current.tenants, tenant] });
}

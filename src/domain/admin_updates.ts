import { NotFoundInStoreError, type AdminRepository } from './ports.js';
import { retryStale } from './record_revisions.js';
import type { AdminAccount } from './types.js';

/**
 * Every change to a stored admin account comes through here. Reads the admin, applies `change` and
 * stores the result; when another write landed in between (StaleRecordError), reads again and
 * applies `change` to that, so both writes count: an invitation adding a tenant while the password
 * changes keeps the new password, and two invitations keep both tenants. `change` states what it
 * does to whatever record is current ("add tenant X"), may run several times and must only compute;
 * it returns `current` itself to write nothing (what it was to do is done, or no longer allowed).
 * Resolves with the admin as stored. Throws NotFoundInStoreError when there is no such admin.
 */
export async function updateAdmin(
  admins: Pick<AdminRepository, 'get' | 'update'>,
  email: string,
  change: (current: AdminAccount) => AdminAccount,
): Promise<AdminAccount> {
  return retryStale(async () => {
    const current = await admins.get(email);
    if (!current) throw new NotFoundInStoreError(`admin ${email}`);
    const changed = change(current);
    return changed === current ? current : admins.update(changed);
  });
}

/** The change that adds `tenant` to an admin's tenants; none when it is there already. */
export function withTenant(tenant: string): (current: AdminAccount) => AdminAccount {
  return (current) => (current.tenants.includes(tenant) ? current : { ...current, tenants: [...current.tenants, tenant] });
}

import { withNewCredentialVersion } from '../../domain/admin_credentials.js';
import { updateOrDeleteAdmin } from '../../domain/admin_updates.js';
import { LastAdminError, NotFoundInStoreError, type AdminRepository } from '../../domain/ports.js';
import type { AdminAccount } from '../../domain/types.js';
import { removeFirstPasswordFile } from '../account/first_password_file.js';

/**
 * Taking a tenant off an admin account (the dashboard), or every tenant (the operator's
 * `npm run admin -- remove-admin`). An account left with no tenant is deleted in the same write, so
 * no invitation can meanwhile add a tenant to an account on its way out and keep its password.
 * A tenant's last admin stays unless the operator says otherwise: the store checks it at the write
 * (AdminWriteOptions.keepLastAdmin), where two admins removing each other at once are settled.
 *
 * What the removed admin holds stops counting without being looked for: dashboard sessions read the
 * account at every request (admin_access.ts), so they lose the tenant, or the account, at the next
 * one; set-password links are refused once their account is gone, and a new account of the same
 * email starts at a fresh credential version (firstCredentialVersion) that they do not match.
 */

export type AdminRemoval =
  /** The account no longer manages `tenants`, and keeps its other tenants. */
  | { kind: 'removed'; tenants: string[]; account: AdminAccount }
  /** The account had no other tenant, and is deleted. */
  | { kind: 'account_deleted'; tenants: string[] }
  /** No such account, or it does not manage the tenant: nothing changed. */
  | { kind: 'not_admin' }
  /** The account is the only admin of `tenants`: nothing changed. */
  | { kind: 'last_admin'; tenants: string[] };

export interface AdminRemovalDeps {
  admins: Pick<AdminRepository, 'get' | 'update' | 'delete'>;
  /** Where the first-start password file is, removed with its account. */
  dataDir: string;
}

export interface AdminRemovalRequest {
  /** The tenant to take off the account; every tenant (the account itself) when absent. */
  tenant?: string;
  /** Leave tenants with no admin rather than refuse: the operator's `--force`, never the dashboard's. */
  allowTenantsWithoutAdmin?: boolean;
}

export async function removeAdmin(deps: AdminRemovalDeps, email: string, request: AdminRemovalRequest = {}): Promise<AdminRemoval> {
  const { tenant } = request;
  let removed: string[] = [];
  let notAdmin = false;
  let remaining: AdminAccount | undefined;
  try {
    remaining = await updateOrDeleteAdmin(
      deps.admins,
      email,
      (current) => {
        notAdmin = tenant !== undefined && !current.tenants.includes(tenant);
        if (notAdmin) return current;
        removed = tenant === undefined ? [...current.tenants] : [tenant];
        const tenants = current.tenants.filter((name) => !removed.includes(name));
        if (tenants.length === 0) return null;
        // The open links of an account still waiting were given out for the tenants it had, the one
        // it leaves included: they stop working, and an admin of all its remaining tenants gives a
        // new one. An account with a password keeps it, and its sessions their other tenants.
        return current.passwordHash ? { ...current, tenants } : withNewCredentialVersion({ ...current, tenants });
      },
      { keepLastAdmin: !request.allowTenantsWithoutAdmin },
    );
  } catch (error) {
    if (error instanceof NotFoundInStoreError) return { kind: 'not_admin' };
    if (error instanceof LastAdminError) return { kind: 'last_admin', tenants: [...error.tenants] };
    throw error;
  }
  if (notAdmin) return { kind: 'not_admin' };
  if (remaining) return { kind: 'removed', tenants: removed, account: remaining };
  await removeFirstPasswordFile(deps.dataDir, email);
  return { kind: 'account_deleted', tenants: removed };
}

import { removeAdmin } from '../../src/dashboard/admins/admin_removal.js';
import { recordAdminActivity } from '../../src/domain/admin_activity.js';
import { recordLogEvent } from '../../src/domain/log_events.js';
import type { Store } from '../../src/store/store.js';
import { AdminCommandError, openExistingStore, readAdminConfig, storeDescription, type AdminCommand, type AdminIo } from './admin_command.js';

const USAGE = 'usage: npm run admin -- remove-admin EMAIL [TENANT] [--force]';

/**
 * `npm run admin -- remove-admin EMAIL [TENANT] [--force]`: what no tenant's admin can do from the
 * dashboard, where an admin removes others only from tenants they manage themselves. Without TENANT
 * the account goes from every tenant and is deleted; with it, that tenant only (the account is
 * deleted when it was its last). The removed admin's dashboard sessions lose the tenants at their
 * next request, and its set-password links stop working; the removal is logged (`sapi`) in each
 * tenant it left.
 *
 * A tenant's last admin is kept unless `--force`: nothing gives a tenant an admin again, neither
 * the dashboard (only a tenant's own admins invite) nor a command, so handing over (the admin
 * invites a successor, or the operator resets its password and passes it on) is the safe way.
 * `--force` is for a tenant meant to be abandoned, such as the throwaway tenant of someone who
 * invited another person's email to keep it from being added elsewhere; it goes on serving its
 * applications' logins. Exit codes: 0 done, 1 no such admin, refused or no fitgate data, 2 usage.
 */
export const command: AdminCommand = {
  args: 'EMAIL [TENANT] [--force]',
  summary: 'remove a dashboard admin from a tenant, or from all of them (its account)',
  async run(args, io) {
    const { email, tenant, force } = options(args);
    const config = readAdminConfig();
    const store = await openExistingStore(config);
    try {
      const admin = await store.admins.get(email);
      if (!admin) throw new AdminCommandError(`there is no dashboard admin with the email ${email} in this ${storeDescription(config)}`);
      if (tenant !== undefined && !admin.tenants.includes(tenant)) {
        throw new AdminCommandError(`${admin.email} is not an admin of the tenant ${tenant}; its tenants: ${admin.tenants.join(', ')}`);
      }

      const result = await removeAdmin({ admins: store.admins, dataDir: config.dataDir }, admin.email, {
        ...(tenant !== undefined ? { tenant } : {}),
        allowTenantsWithoutAdmin: force,
      });
      if (result.kind === 'not_admin') throw new AdminCommandError(`${admin.email} was removed by someone else meanwhile; nothing left to do`);
      if (result.kind === 'last_admin') {
        refuseLastAdmin(io, admin.email, result.tenants);
        return 1;
      }

      await recordAdminActivity((event) => recordLogEvent(store, event), { activity: 'removed_on_server', email: admin.email, tenants: result.tenants }).catch(() => {
        io.err('fitgate admin: the admin is removed, but the log event could not be recorded');
      });
      if (result.kind === 'removed') {
        io.out(`${admin.email} no longer manages ${result.tenants.join(', ')}; it still manages ${result.account.tenants.join(', ')}.`);
        io.out(`Its dashboard sessions lose ${result.tenants.join(', ')} at their next request.`);
      } else {
        io.out(`Removed the admin account ${admin.email}, which managed ${result.tenants.join(', ')}.`);
        io.out('Its dashboard sessions are signed out at their next request, and its set-password links no longer work.');
      }
      if (result.kind === 'account_deleted' && config.admin.email?.toLowerCase() === admin.email) {
        // Bootstrap creates the configured admin whenever it is missing.
        io.out('FITGATE_ADMIN_EMAIL names this account: the next start creates it again in the default tenant unless that setting changes.');
      }
      if (force) await sayWhichTenantsHaveNoAdmin(store, io, result.tenants);
      return 0;
    } finally {
      await store.close();
    }
  },
};

function options(args: readonly string[]): { email: string; tenant: string | undefined; force: boolean } {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const [email, tenant, ...extra] = args.filter((arg) => !arg.startsWith('-'));
  if (!email || extra.length > 0 || flags.some((flag) => flag !== '--force')) throw new AdminCommandError(USAGE, 2);
  return { email: email.toLowerCase(), tenant: tenant?.toLowerCase(), force: flags.length > 0 };
}

function refuseLastAdmin(io: AdminIo, email: string, tenants: readonly string[]): void {
  const names = tenants.join(', ');
  io.err(`fitgate admin: ${email} is the only admin of ${names}; nothing was changed.`);
  io.err(`Removed, it would leave ${names} with nobody to manage it in the dashboard, and nothing gives a tenant an admin again.`);
  io.err(`To hand over, have ${email} invite the new admin first, or reset its password (npm run admin -- reset-password ${email}) and pass it on.`);
  io.err('To abandon the tenant (it keeps serving its applications\' logins), run the same command with --force.');
}

async function sayWhichTenantsHaveNoAdmin(store: Store, io: AdminIo, tenants: readonly string[]): Promise<void> {
  for (const tenant of tenants) {
    if ((await store.admins.listByTenant(tenant)).length > 0) continue;
    io.out(`The tenant ${tenant} has no admin now: it keeps serving its applications' logins, and nobody can manage it in the dashboard.`);
  }
}

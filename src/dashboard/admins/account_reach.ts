import type { AdminAccount } from '../../domain/types.js';

/**
 * Whether `admin` manages every tenant `account` has. An account has one password, which opens all
 * of its tenants, and whoever holds one of its set-password links chooses that password. So handing
 * out such a link, or adding a tenant to an account that exists already, is for an admin who already
 * manages everything the account reaches: anyone else could extend to their tenant a password or a
 * link chosen or handed out elsewhere (an attacker's own invitation of the same email), or get one
 * that opens tenants they do not manage.
 */
export function managesEveryTenantOf(admin: Pick<AdminAccount, 'tenants'>, account: Pick<AdminAccount, 'tenants'>): boolean {
  return account.tenants.every((tenant) => admin.tenants.includes(tenant));
}

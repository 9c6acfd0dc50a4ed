import { randomBytes } from 'node:crypto';
import { setAdminPassword } from '../../src/dashboard/account/admin_password.js';
import { recordAdminActivity } from '../../src/domain/admin_activity.js';
import { recordLogEvent } from '../../src/domain/log_events.js';
import { DEFAULT_TENANT, tenantUrl } from '../../src/domain/tenants.js';
import { AdminCommandError, openExistingStore, readAdminConfig, storeDescription, type AdminCommand } from './admin_command.js';

/**
 * `npm run admin -- reset-password EMAIL`: a new generated password for an admin who cannot sign in
 * (forgotten, or the sign-in limit reached on their only account). It works on either store, while
 * fitgate runs or not, and is the way back in when no other admin can help. The new password lifts
 * the account's sign-in block (the count belongs to the password it was guessing), removes the
 * first-start password file if it was this admin's, signs out every dashboard session of the admin
 * and voids their unused set-password links (admin_password.ts), and is logged (`scp`) in the
 * admin's tenants. fitgate has no "must change at next sign-in" flag, so the admin is told to change it.
 */
export const command: AdminCommand = {
  args: 'EMAIL',
  summary: 'set a new generated password for a dashboard admin (and lift their sign-in block)',
  async run(args, io) {
    const [email, ...extra] = args;
    if (!email || extra.length > 0) throw new AdminCommandError('usage: npm run admin -- reset-password EMAIL', 2);

    const config = readAdminConfig();
    const store = await openExistingStore(config);
    try {
      const admin = await store.admins.get(email.toLowerCase());
      if (!admin) throw new AdminCommandError(`there is no dashboard admin with the email ${email} in this ${storeDescription(config)}`);

      const password = randomBytes(18).toString('base64url');
      await setAdminPassword({ admins: store.admins, dataDir: config.dataDir }, admin.email, password);
      await recordAdminActivity((event) => recordLogEvent(store, event), { activity: 'password_reset', email: admin.email, tenants: admin.tenants }).catch(() => {
        io.err('fitgate admin: the password is changed, but the log event could not be recorded');
      });

      io.out(`New password for ${admin.email}: ${password}`);
      io.out(`Sign in at ${tenantUrl(config, DEFAULT_TENANT)}/manage and change it under your email (/manage/account).`);
      // The address is what this command's environment says (FITGATE_PUBLIC_URL, else PORT), as
      // fitgate reads its own: nothing records the address a running fitgate serves at.
      io.out(`(That address comes from FITGATE_PUBLIC_URL, or else PORT, as set for this command; if fitgate runs with other settings, use the address it serves.)`);
      io.out('Any sign-in block on this account is lifted; the old password no longer works.');
      io.out('Every open dashboard session of this admin is signed out, and any set-password link not yet used no longer works.');
      return 0;
    } finally {
      await store.close();
    }
  },
};

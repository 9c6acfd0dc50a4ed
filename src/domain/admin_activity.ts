import type { LogEventInput, LogEventType } from './log_events.js';

/** What a dashboard admin did (or what was done to their account) that the tenants' logs keep. */
export type AdminActivity =
  | 'signed_in'
  | 'sign_in_failed'
  /** The per-account sign-in limit was reached from one address. */
  | 'account_blocked'
  /** The account-wide sign-in limit was reached, from however many addresses. */
  | 'account_wide_blocked'
  /** The per-address sign-in limit was reached, whichever accounts were tried. */
  | 'address_blocked'
  | 'password_changed'
  | 'password_change_failed'
  /** `npm run admin -- reset-password` on the server. */
  | 'password_reset'
  /** `npm run admin -- remove-admin` on the server took the tenant off the account. */
  | 'removed_on_server';

const EVENTS: Readonly<Record<AdminActivity, { type: LogEventType; description: string }>> = {
  signed_in: { type: 's', description: 'Dashboard sign-in' },
  // Auth0's code for a known account's wrong password (`fp`), not its end-user `f`: a failure is
  // recorded only for an admin's own account (sign_in_routes.ts), and the tenant's login charts
  // and `type=f` filters stay its users' logins.
  sign_in_failed: { type: 'fp', description: 'Dashboard sign-in failed: wrong password' },
  account_blocked: { type: 'limit_wc', description: 'Dashboard sign-in blocked: too many attempts for this account from this address' },
  account_wide_blocked: { type: 'limit_wc', description: 'Dashboard sign-in blocked: too many attempts for this account from several addresses' },
  address_blocked: { type: 'limit_mu', description: 'Dashboard sign-in blocked: too many attempts from this address' },
  password_changed: { type: 'scp', description: 'Dashboard password changed' },
  password_change_failed: { type: 'fcp', description: 'Dashboard password change refused: wrong current password' },
  password_reset: { type: 'scp', description: 'Dashboard password reset on the server (npm run admin -- reset-password)' },
  // Auth0 logs a change to who may manage the tenant as a configuration change.
  removed_on_server: { type: 'sapi', description: 'Dashboard admin removed on the server (npm run admin -- remove-admin)' },
};

/** What was done on the server rather than in a dashboard. */
const ON_THE_SERVER: ReadonlySet<AdminActivity> = new Set(['password_reset', 'removed_on_server']);

export interface AdminActivityRecord {
  activity: AdminActivity;
  /** The admin's email, or the email typed at a failed sign-in. */
  email: string;
  /** Whose logs show it; each tenant once. */
  tenants: readonly string[];
  ip?: string;
  userAgent?: string;
}

/**
 * One Auth0-coded event per tenant (`s`, `fp`, `limit_wc`, `limit_mu`, `scp`, `fcp`, `sapi`), with the admin's
 * email as user name and no user id (admins are not users of the tenant). Never a password.
 */
function adminActivityEvents(record: AdminActivityRecord): LogEventInput[] {
  const { type, description } = EVENTS[record.activity];
  return [...new Set(record.tenants)].map((tenant) => ({
    tenant,
    type,
    description,
    userName: record.email,
    ...(record.ip !== undefined ? { ip: record.ip } : {}),
    ...(record.userAgent !== undefined ? { userAgent: record.userAgent } : {}),
    // As the dashboard's configuration changes are marked (api_operation_event.ts).
    details: { request: { channel: ON_THE_SERVER.has(record.activity) ? 'command_line' : 'dashboard' } },
  }));
}

/**
 * Records the activity in each of its tenants' logs through `recordEvent`: the running app's one
 * writer (domain/tenant_log.ts, best effort), or a command's own, which reports a failure itself.
 */
export async function recordAdminActivity(recordEvent: (event: LogEventInput) => Promise<unknown>, record: AdminActivityRecord): Promise<void> {
  for (const event of adminActivityEvents(record)) await recordEvent(event);
}

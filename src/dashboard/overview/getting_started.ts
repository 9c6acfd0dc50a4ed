import type { AppDeps } from '../../app_deps.js';
import { firstPlugin } from '../../domain/new_connection.js';
import { verifyPassword } from '../../domain/passwords.js';
import type { AdminAccount } from '../../domain/types.js';
import { readFirstPasswordFile } from '../account/first_password_file.js';
import { upstreamNames } from '../connections/plugin_settings_view.js';
import { findSocialConnection } from '../connections/social_connection.js';
import { triedCurrentSettings } from '../try/tried_settings.js';
import { usesSandbox } from '../../domain/sandbox_use.js';

/**
 * The Overview's "Getting started" checklist, read from what is stored (admins, clients,
 * connections, users) and the logs (a successful TRY of the connection's current settings), never
 * from a flag an admin ticks: a step is done when fitgate can see it was done.
 */
export interface ChecklistStep {
  readonly key: 'password' | 'application' | 'credentials' | 'try' | 'enable' | 'first_login';
  readonly label: string;
  readonly done: boolean;
  /** Where the step is done. */
  readonly href: string;
  /** The step's link starts something (a TRY), so it is a button posting the session's CSRF token to href. */
  readonly post?: boolean;
  /** A word on the state when it helps ("using the sandbox"). */
  readonly note?: string;
}

/** How far back the TRY step looks: the newest successful logins, a bounded read. */
const RECENT_LOGINS = 100;

export async function gettingStarted(deps: Pick<AppDeps, 'store' | 'config' | 'plugins' | 'sandbox'>, tenant: string, admin: AdminAccount): Promise<ChecklistStep[]> {
  const base = `/manage/t/${encodeURIComponent(tenant)}`;
  // The connection steps are about the plugin a fresh install set up.
  const plugin = firstPlugin(deps.plugins);
  const social = (page = '') => (plugin ? `${base}/social/${encodeURIComponent(plugin.strategy)}${page}` : `${base}/social`);
  const [passwordUnchanged, clients, connection, users, recentLogins] = await Promise.all([
    stillHasGeneratedPassword(deps.config.dataDir, admin),
    deps.store.clients.list(tenant, { page: 0, perPage: 100 }),
    plugin ? findSocialConnection(deps.store, tenant, plugin.strategy) : undefined,
    deps.store.users.count(tenant),
    deps.store.logs.list(tenant, { type: 's', page: 0, perPage: RECENT_LOGINS }),
  ]);
  const interactive = clients.items.filter((client) => client.appType !== 'non_interactive');
  const sandbox = usesSandbox(deps.sandbox, connection);
  const credentials = Boolean(connection?.options.clientId) || sandbox;
  const enabledForAnApp = interactive.some((client) => connection?.enabledClients.includes(client.clientId));
  // A TRY of settings since changed (another API, client or secret) proves nothing about these.
  const tried = connection !== undefined && recentLogins.items.some((event) => triedCurrentSettings(event, connection));
  const loggedIn = users > 0;
  return [
    { key: 'password', label: 'Change the generated password', done: !passwordUnchanged, href: '/manage/account' },
    { key: 'application', label: 'Create an application', done: interactive.length > 0, href: `${base}/applications/new` },
    {
      key: 'credentials',
      label: `Paste your ${plugin ? upstreamNames(plugin) : 'upstream'} credentials, or keep the sandbox`,
      done: credentials,
      href: social(),
      ...(sandbox && plugin ? { note: `using the sandbox: no real ${plugin.displayName} account needed yet` } : {}),
    },
    // A real login proves the connection works as well as a TRY would.
    { key: 'try', label: 'Try the connection', done: tried || loggedIn, href: social('/try'), post: Boolean(plugin) },
    { key: 'enable', label: 'Enable the connection for your application', done: enabledForAnApp, href: social('/applications') },
    { key: 'first_login', label: 'Sign in to your application for real', done: loggedIn, href: `${base}/users` },
  ];
}

/** True while the password printed at first start (and kept in the data directory) still opens this admin. */
async function stillHasGeneratedPassword(dataDir: string, admin: AdminAccount): Promise<boolean> {
  const first = await readFirstPasswordFile(dataDir);
  if (!first || first.email.toLowerCase() !== admin.email.toLowerCase() || !admin.passwordHash) return false;
  return verifyPassword(first.password, admin.passwordHash);
}

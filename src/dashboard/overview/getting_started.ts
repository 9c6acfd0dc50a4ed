import type { AppDeps } from '../../app_deps.js';
import { everyClient } from '../../domain/every_client.js';
import { verifyPassword } from '../../domain/passwords.js';
import { signsUsersIn } from '../../domain/signs_users_in.js';
import type { AdminAccount } from '../../domain/types.js';
import { readFirstPasswordFile } from '../account/first_password_file.js';
import { upstreamNames } from '../connections/plugin_settings_view.js';
import { connectionProgress, STAGES, stepLink, stepSubjects, type StepLink } from './connection_progress.js';

/**
 * The Overview's "Getting started" checklist, read from what is stored (admins, clients,
 * connections, users) and the logs (a successful TRY of a connection's current settings), never
 * from a flag an admin ticks: a step is done when fitgate can see it was done. The connection steps
 * are done by any plugin's connection (connection_progress.ts says which one each step leads to).
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
  const [passwordUnchanged, clients, users, recentLogins] = await Promise.all([
    stillHasGeneratedPassword(deps.config.dataDir, admin),
    everyClient(deps.store.clients, tenant),
    deps.store.users.count(tenant),
    deps.store.logs.list(tenant, { type: 's', page: 0, perPage: RECENT_LOGINS }),
  ]);
  // Only an application /authorize takes counts as created, or as one a connection is enabled for.
  const signingIn = clients.filter(signsUsersIn);
  const progress = await connectionProgress(deps, tenant, { signingInClients: signingIn.map((client) => client.clientId), recentLogins: recentLogins.items });
  const loggedIn = users > 0;

  const credentialSubjects = stepSubjects(progress, STAGES.credentials, [STAGES.saved]);
  const credentials = stepLink(base, credentialSubjects);
  const credentialsDone = progress.some(STAGES.credentials);
  // Said only while no connection has credentials of its own: then the sandbox is all there is.
  const sandboxOnly = credentialsDone && credentialSubjects.every((subject) => subject.sandbox);
  const tryLink = stepLink(base, stepSubjects(progress, STAGES.tried, [STAGES.credentials, STAGES.saved]), '/try');
  const enable = stepLink(base, stepSubjects(progress, STAGES.enabled, [STAGES.tried, STAGES.credentials, STAGES.saved]), '/applications');
  // With one plugin the words stay as they were before several: "the connection".
  const connectionWords = (link: StepLink) => (deps.plugins.size === 1 ? 'the connection' : link.plugin ? `the ${link.plugin.displayName} connection` : 'a connection');
  return [
    { key: 'password', label: 'Change the generated password', done: !passwordUnchanged, href: '/manage/account' },
    { key: 'application', label: 'Create an application', done: signingIn.length > 0, href: `${base}/applications/new` },
    {
      key: 'credentials',
      label: `Paste your ${credentials.plugin ? upstreamNames(credentials.plugin) : "upstream's"} credentials, or keep the sandbox`,
      done: credentialsDone,
      href: credentials.href,
      ...(sandboxOnly && { note: `using the sandbox: no real ${credentialSubjects.map((subject) => subject.plugin.displayName).join(' or ')} account needed yet` }),
    },
    // A real login proves a connection works as well as a TRY would. Only one connection's TRY can be a button.
    { key: 'try', label: `Try ${connectionWords(tryLink)}`, done: progress.some(STAGES.tried) || loggedIn, href: tryLink.href, post: Boolean(tryLink.plugin) },
    { key: 'enable', label: `Enable ${connectionWords(enable)} for your application`, done: progress.some(STAGES.enabled), href: enable.href },
    { key: 'first_login', label: 'Sign in to your application for real', done: loggedIn, href: `${base}/users` },
  ];
}

/** True while the password printed at first start (and kept in the data directory) still opens this admin. */
async function stillHasGeneratedPassword(dataDir: string, admin: AdminAccount): Promise<boolean> {
  const first = await readFirstPasswordFile(dataDir);
  if (!first || first.email.toLowerCase() !== admin.email.toLowerCase() || !admin.passwordHash) return false;
  return verifyPassword(first.password, admin.passwordHash);
}

import { PLUGIN_ERROR_KINDS } from '../../../domain/read_plugin_failure.js';
import { UserBlockedError } from '../../../errors/index.js';
import { asStoreUnavailable } from '../../../store/store_unavailable.js';
import type { LoginFailure } from '../../../upstream/login_failure.js';
import { StaleLoginError } from '../../../upstream/stale_login_error.js';

type UpstreamKind = NonNullable<LoginFailure['upstreamKind']>;

/** The kinds a person at the upstream causes, each counted under a cause of its own instead of upstream_<kind>. */
const PERSONS_KINDS = {
  access_denied: 'user_denied',
  // Unticking, on the consent page, the permissions that identify the user is saying no to the login.
  insufficient_scope: 'user_denied',
  account_unusable: 'account_unusable',
} as const satisfies Partial<Record<UpstreamKind, string>>;

type PersonsKind = keyof typeof PERSONS_KINDS;

/**
 * Why a login at /login/callback ended as it did: fitgate_logins_total's `cause` label. `reason`, the
 * OAuth error the application hears, joins causes an operator must tell apart (access_denied: a
 * person said no, or their account is not set up at the upstream; temporarily_unavailable: the
 * upstream down, or fitgate's store), so the alerts read this instead. A fixed set, every value
 * named here (LOGIN_CAUSES), so that the series stay bounded:
 * - `none`: the login succeeded;
 * - `user_denied`, `account_unusable`: the person's doing at the upstream (PERSONS_KINDS);
 * - `upstream_<kind>`: every other failure the upstream reported, by the plugin's kind (bounded by
 *   PluginErrorKind: readPluginFailure drops any other);
 * - `user_blocked`: an admin blocked the user (Auth0's `unauthorized`);
 * - `stale_login`: a callback whose state names no login this browser has in flight;
 * - `store`: fitgate's store could not answer or refused the write;
 * - `fitgate`: any other failure of fitgate's own (a connection deleted meanwhile, a busy record, a fault).
 */
export type LoginCause =
  | 'none'
  | (typeof PERSONS_KINDS)[PersonsKind]
  | `upstream_${Exclude<UpstreamKind, PersonsKind>}`
  | 'user_blocked'
  | 'stale_login'
  | 'store'
  | 'fitgate';

function isPersonsKind(kind: UpstreamKind): kind is PersonsKind {
  return Object.hasOwn(PERSONS_KINDS, kind);
}

/** The cause of an upstream's failure of `kind`. */
function upstreamCause(kind: UpstreamKind): LoginCause {
  return isPersonsKind(kind) ? PERSONS_KINDS[kind] : `upstream_${kind}`;
}

/** The cause a failed login is counted under. */
export function loginCauseOf(failure: LoginFailure): LoginCause {
  if (failure.source === 'upstream' && failure.upstreamKind !== undefined) return upstreamCause(failure.upstreamKind);
  const { error } = failure;
  if (error instanceof StaleLoginError) return 'stale_login';
  if (error instanceof UserBlockedError) return 'user_blocked';
  if (asStoreUnavailable(error)) return 'store';
  return 'fitgate';
}

/** Every cause a login can be counted under (docs/metrics.md lists them). */
export const LOGIN_CAUSES: readonly LoginCause[] = [
  'none',
  ...new Set(PLUGIN_ERROR_KINDS.map(upstreamCause)),
  'user_blocked',
  'stale_login',
  'store',
  'fitgate',
];

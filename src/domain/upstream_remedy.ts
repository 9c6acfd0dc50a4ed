import type { PluginErrorKind } from '../connections/plugin.js';

/**
 * Whose problem a plugin failure is, and what makes it go away: the one decision a PluginErrorKind
 * stands for. The login (the OAuth error a client receives), TRY (the admin's explanation) and the
 * token vault (what happens to stored tokens) each word it their own way, but take it from here, so
 * that they cannot disagree.
 * - `user`: the person signing in fixes it (allows access, signs in at the upstream, sets their
 *   account up there); the connection is not at fault.
 * - `admin`: the connection's client or settings, in fitgate or in the upstream's console.
 * - `passing`: nothing is wrong that waiting will not cure (down, slow, rate limited, busy).
 * - `reauthorize`: what the user's sign-in produced is dead (a code, stored tokens): they sign in again.
 * - `unexplained`: the upstream answered something no remedy is known for.
 */
export type UpstreamRemedy = 'user' | 'admin' | 'passing' | 'reauthorize' | 'unexplained';

/**
 * Which of the host's upstream calls failed. `login`: the authorize request, the code exchange and
 * the profile reads, of a login or a TRY; `refresh`: the vault's calls with stored tokens (refresh,
 * and revoke). The host's own knowledge, not the plugin's `operation` words.
 */
export type UpstreamOperation = 'login' | 'refresh';

type Entry = UpstreamRemedy | Readonly<Record<UpstreamOperation, UpstreamRemedy>>;

// A Record over every kind, so that a kind added to plugin.ts fails the type check here, once,
// until someone decides whose it is; the consumers word each remedy in general terms meanwhile.
// A kind is split by operation only where the same code means two things (plugin.ts says which).
const REMEDIES: Readonly<Record<PluginErrorKind, Entry>> = {
  access_denied: 'user',
  account_unusable: 'user',
  insufficient_scope: 'user',
  // OpenID Connect's login_required, consent_required, account_selection_required: the user must
  // go through the upstream's pages, nothing the admin set.
  interaction_required: 'user',
  invalid_client: 'admin',
  // At authorize or the code exchange (RFC 6749 §4.1.2.1, §5.2) the client may not sign this account
  // in (a Fitbit "Personal" app, a Google app in Testing): the admin opens the client to it. At a
  // refresh, the refresh token was issued to another client (the connection's client was replaced):
  // only a new sign-in issues tokens this client can refresh.
  unauthorized_client: { login: 'admin', refresh: 'reauthorize' },
  redirect_uri_mismatch: 'admin',
  invalid_scope: 'admin',
  api_not_enabled: 'admin',
  invalid_id_token: 'admin',
  // The API is shut down: at a login the admin moves the connection to what the upstream serves now;
  // the tokens it issued are dead, and their user signs in again once the admin has.
  gone: { login: 'admin', refresh: 'reauthorize' },
  // The code (at a login) or the refresh token was refused: expired, used, or withdrawn by the user.
  invalid_grant: 'reauthorize',
  rate_limited: 'passing',
  // Fitbit's 409: the same refresh token is being refreshed elsewhere; another moment and it is done.
  conflict: 'passing',
  unavailable: 'passing',
  timeout: 'passing',
  // At a login, only the access token its own code exchange issued moments before can be refused:
  // the access was withdrawn before the login finished (revoked at the upstream by the user, or by
  // fitgate as an admin deleted or unlinked the user meanwhile), and signing in again cures it. At a
  // refresh, a stored access token refused says nothing of its refresh token: the vault keeps them.
  invalid_token: { login: 'reauthorize', refresh: 'unexplained' },
  invalid_request: 'unexplained',
  bad_response: 'unexplained',
  upstream_error: 'unexplained',
};

/** The remedy for a plugin failure of `kind` in `operation`. */
export function remedyOf(kind: PluginErrorKind, operation: UpstreamOperation): UpstreamRemedy {
  const entry = REMEDIES[kind];
  return typeof entry === 'string' ? entry : entry[operation];
}

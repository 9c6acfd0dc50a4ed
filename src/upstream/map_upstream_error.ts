import type { PluginFailure, UpstreamWording } from '../connections/plugin.js';
import { readPluginFailure } from '../domain/read_plugin_failure.js';
import { remedyOf } from '../domain/upstream_remedy.js';
import { AccessDeniedError, LoginRequiredError, ServerError, TemporarilyUnavailableError, type OAuthError } from '../errors/index.js';
import { clientSafeDescription } from './client_safe_description.js';

/** What a refusal's description reads of the upstream's settled wording. */
type RefusalWording = Pick<UpstreamWording, 'name' | 'gone'>;

/** A login that failed for a reason the client may be told: fitgate's own wording, never upstream internals. */
export class UpstreamLoginError extends ServerError {
  override get expose(): boolean {
    return true;
  }
}

/**
 * The OAuth error the client receives for an upstream failure during login, by whose remedy the
 * failure is (domain/upstream_remedy.ts decides it; this file only words it). The user's remedy is
 * access_denied (login_required when the upstream wants them on its pages); one that passes by
 * waiting (down, slow, 5xx, 429, 409) is temporarily_unavailable; the admin's is server_error, but
 * for 410, temporarily_unavailable: the client can do nothing about it, and logins work again once
 * an admin has moved the connection to what the upstream serves now. A refused code means starting
 * the login again, and an unexplained refusal asks an admin to look; both server_error. An access
 * token the upstream withdrew before the login could use it means logging in again too, but is
 * access_denied: the upstream's denial, not a fault of fitgate's or of the settings. Each
 * description names the cause; a kind with no words of its own here gets its remedy's general ones.
 */
export function clientErrorForUpstream(error: unknown, wording: RefusalWording): OAuthError {
  const failure = readPluginFailure(error);
  if (!failure) return new ServerError('The login failed inside fitgate.', { cause: error });
  const upstream = wording.name;
  switch (remedyOf(failure.kind, 'login')) {
    case 'user':
      return usersRemedy(failure, upstream);
    case 'passing':
      return passingRemedy(failure, upstream, error);
    case 'admin':
      return adminsRemedy(failure, wording, error);
    case 'reauthorize':
      return signInAgain(failure, upstream);
    case 'unexplained':
      // A callback without an answer, or a plugin's answer that breaks the interface, was not refused.
      return new UpstreamLoginError(
        failure.kind === 'bad_response'
          ? `${upstream} answered the login with something fitgate could not use (bad_response); an administrator should try the connection from the dashboard.`
          : `${upstream} refused the login (${failure.kind}); an administrator should check the connection's settings.`,
        { cause: error },
      );
  }
}

function usersRemedy(failure: PluginFailure, upstream: string): OAuthError {
  switch (failure.kind) {
    case 'access_denied':
      return new AccessDeniedError(`The user did not allow access at ${upstream}.`);
    case 'account_unusable': {
      const remedy = clientSafeDescription(failure.message) ?? 'The user must set the account up there, or sign in with another account, then log in again.';
      return new AccessDeniedError(`${upstream} signed the user in, but will not let this account be used here. ${remedy}`);
    }
    case 'insufficient_scope':
      // The user unticked, on the consent page, every permission the upstream identifies them by:
      // their choice to undo, not the connection's settings (TRY tells the admin the same).
      return new AccessDeniedError(`The user did not allow, at ${upstream}, the permissions that identify them. They must log in again and allow them.`);
    case 'interaction_required':
      return new LoginRequiredError(`${upstream} needs the user to sign in or consent interactively.`);
    default:
      return new AccessDeniedError(`${upstream} refused the login (${failure.kind}); the user must settle it at ${upstream}, then log in again.`);
  }
}

function signInAgain(failure: PluginFailure, upstream: string): OAuthError {
  switch (failure.kind) {
    case 'invalid_grant':
      return new UpstreamLoginError(`${upstream} did not accept the login's authorization code; start the login again.`);
    case 'invalid_token':
      // The access was withdrawn, by the user at the upstream or by an admin's delete in fitgate: a
      // denial no setting of the connection's causes, which the same person logging in again undoes.
      return new AccessDeniedError(`${upstream} withdrew the access it had just granted, before the login could finish (invalid_token); log in again.`);
    default:
      return new UpstreamLoginError(`${upstream} refused the login (${failure.kind}); start the login again.`);
  }
}

// The cause goes into the log line alone (its message after the description's): a certificate
// refused or a name not found on fitgate's side reads to the client as the upstream being away,
// and only the log tells the operator which it was.
function passingRemedy(failure: PluginFailure, upstream: string, error: unknown): OAuthError {
  switch (failure.kind) {
    case 'rate_limited': {
      const retry = failure.retryAfterSeconds === undefined ? '' : ` Retry in ${failure.retryAfterSeconds} s.`;
      return new TemporarilyUnavailableError(`${upstream} is rate limiting requests (HTTP 429).${retry}`, { cause: error });
    }
    case 'timeout':
      return new TemporarilyUnavailableError(`${upstream} did not answer in time; try again later.`, { cause: error });
    default:
      return new TemporarilyUnavailableError(
        `${upstream} is not available${failure.status === undefined ? '' : ` (HTTP ${failure.status})`}; try again later.`,
        { cause: error },
      );
  }
}

function adminsRemedy(failure: PluginFailure, wording: RefusalWording, error: unknown): OAuthError {
  const upstream = wording.name;
  switch (failure.kind) {
    case 'gone':
      return new TemporarilyUnavailableError(wording.gone);
    case 'invalid_client':
      // At the token step the client id was already accepted by the upstream's sign-in page, so
      // only the secret can be wrong: the same cause TRY names for the same refusal.
      return new UpstreamLoginError(
        failure.operation === 'token'
          ? `${upstream} did not accept the connection's client secret (its client id was accepted at sign-in); an administrator must paste the client secret again in the connection's settings.`
          : `${upstream} did not accept the connection's client id or secret; an administrator must check them.`,
        { cause: error },
      );
    case 'unauthorized_client':
      return new UpstreamLoginError(
        `${upstream} will not let the connection's client sign this account in; an administrator must open the client to this account in ${upstream}'s console.`,
        { cause: error },
      );
    case 'api_not_enabled':
      return new UpstreamLoginError(
        `${upstream} refused the login: the API this connection uses is not enabled for the connection's client; an administrator must enable it in ${upstream}'s console.`,
        { cause: error },
      );
    case 'redirect_uri_mismatch':
      return new UpstreamLoginError(
        `${upstream} did not accept this tenant's callback URL (<tenant URL>/login/callback) for the connection's client; an administrator must register it with ${upstream} as the connection's setup steps in fitgate's dashboard say.`,
        { cause: error },
      );
    default:
      return new UpstreamLoginError(`${upstream} refused the login (${failure.kind}); an administrator should check the connection's settings.`, { cause: error });
  }
}

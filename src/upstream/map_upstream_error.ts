import type { UpstreamWording } from '../connections/plugin.js';
import { readPluginFailure } from '../domain/read_plugin_failure.js';
import { AccessDeniedError, LoginRequiredError, ServerError, TemporarilyUnavailableError, type OAuthError } from '../errors/index.js';
import { clientSafeDescription } from './client_safe_description.js';

/** A login that failed for a reason the client may be told: fitgate's own wording, never upstream internals. */
export class UpstreamLoginError extends ServerError {
  override get expose(): boolean {
    return true;
  }
}

/**
 * The OAuth error the client receives for an upstream failure during login. The user's refusal is
 * access_denied, and so is everything only the user can fix: an upstream account (account_unusable,
 * described in the plugin's words: what the user must do) and permissions they unticked that
 * identify them (insufficient_scope); anything that may pass by waiting (down, slow, 5xx, 429, and
 * 410, which lasts until an admin moves the connection to what the upstream serves now) is
 * temporarily_unavailable; a configuration the upstream rejects is server_error. Each description
 * names the cause. The switch has a case per kind and no default, so a kind added to plugin.ts
 * (a new remedy) fails the type check here until someone decides whose remedy it is.
 */
export function clientErrorForUpstream(error: unknown, wording: UpstreamWording): OAuthError {
  const upstream = wording.name;
  const failure = readPluginFailure(error);
  if (!failure) return new ServerError('The login failed inside fitgate.', { cause: error });
  switch (failure.kind) {
    case 'access_denied':
      return new AccessDeniedError(`The user did not allow access at ${upstream}.`);
    case 'account_unusable': {
      const remedy = clientSafeDescription(failure.message) ?? 'The user must set the account up there, or sign in with another account, then log in again.';
      return new AccessDeniedError(`${upstream} signed the user in, but will not let this account be used here. ${remedy}`);
    }
    case 'interaction_required':
      return new LoginRequiredError(`${upstream} needs the user to sign in or consent interactively.`);
    case 'gone':
      return new TemporarilyUnavailableError(wording.gone);
    case 'rate_limited': {
      const retry = failure.retryAfterSeconds === undefined ? '' : ` Retry in ${failure.retryAfterSeconds} s.`;
      return new TemporarilyUnavailableError(`${upstream} is rate limiting requests (HTTP 429).${retry}`);
    }
    case 'unavailable':
    case 'conflict':
      return new TemporarilyUnavailableError(
        `${upstream} is not available${failure.status === undefined ? '' : ` (HTTP ${failure.status})`}; try again later.`,
      );
    case 'timeout':
      return new TemporarilyUnavailableError(`${upstream} did not answer in time; try again later.`);
    case 'invalid_client':
      return new UpstreamLoginError(
        `${upstream} did not accept the connection's client id or secret; an administrator must check them.`,
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
    case 'invalid_grant':
      return new UpstreamLoginError(`${upstream} did not accept the login's authorization code; start the login again.`);
    case 'insufficient_scope':
      // The user unticked, on the consent page, every permission the upstream identifies them by:
      // their choice to undo, not the connection's settings (TRY tells the admin the same).
      return new AccessDeniedError(`The user did not allow, at ${upstream}, the permissions that identify them. They must log in again and allow them.`);
    case 'unauthorized_client':
    case 'invalid_scope':
    case 'invalid_token':
    case 'invalid_request':
    case 'bad_response':
    case 'invalid_id_token':
    case 'upstream_error':
      return new UpstreamLoginError(
        `${upstream} refused the login (${failure.kind}); an administrator should check the connection's settings.`,
        { cause: error },
      );
  }
}

import type { Registry } from 'prom-client';
import { labelledCounter } from './labelled_metrics.js';
import type { AuthnMetrics } from './metrics.js';

/** Logins, token exchanges, revocations and logouts, by tenant (and connection where one applies). */
export function authnCounters(registry: Registry): AuthnMetrics {
  const logins = labelledCounter(registry, 'fitgate_logins_total', ['tenant', 'connection', 'outcome', 'reason', 'cause'],
    'Finished logins at /login/callback, by outcome, reason (success: new_user, existing_user, migrated_from_legacy; failure: the OAuth error code) and cause (none on success; user_denied, account_unusable, upstream_<kind>, user_blocked, stale_login, store, fitgate).');
  const sentBack = labelledCounter(registry, 'fitgate_logins_sent_back_total', ['tenant', 'connection'],
    'Logins /login/callback sent back to the upstream once for a refresh token (none came back and fitgate held none for the user) instead of finishing them; each is counted in fitgate_logins_total once its second round finishes.');
  const exchanges = labelledCounter(registry, 'fitgate_token_exchanges_total', ['tenant', 'connection', 'grant_type', 'result'],
    'Answers of /oauth/token by grant type and result ("success" or the OAuth error code).');
  const revocations = labelledCounter(registry, 'fitgate_token_revocations_total', ['tenant', 'result'],
    'Answers of /oauth/revoke by result ("success" or the OAuth error code).');
  const logouts = labelledCounter(registry, 'fitgate_logouts_total', ['tenant', 'result'],
    'Answers of /v2/logout by result: "success" (the session ended), "session_kept" (a logout_hint or the sid of an id_token_hint named another login session), "no_session" (nobody was signed in) or "return_to_refused".');
  return {
    login: (tenant, connection, outcome, reason, cause) => logins.labels(tenant, connection, outcome, reason, cause).inc(),
    loginSentBack: (tenant, connection) => sentBack.labels(tenant, connection).inc(),
    tokenExchange: (tenant, connection, grantType, result) => exchanges.labels(tenant, connection, grantType, result).inc(),
    revocation: (tenant, result) => revocations.labels(tenant, result).inc(),
    logout: (tenant, result) => logouts.labels(tenant, result).inc(),
  };
}

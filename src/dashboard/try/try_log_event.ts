import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { TryFailureKind, UpstreamWording } from '../../connections/plugin.js';
import type { Connection } from '../../domain/types.js';
import { recordRequestEvent, type RequestEvent } from '../../http/request_log_event.js';
import { loginFailureDetails, loginFailureOf, type LoginFailure } from '../../upstream/login_failure.js';

/**
 * A TRY that failed: its own kind, the one its result page explains (unknown_client, expired, ...),
 * and the failure as a login with the same cause reads it (login_failure.ts), for the log.
 */
export interface FailedTry {
  readonly kind: TryFailureKind;
  readonly asLogin: LoginFailure;
}

/**
 * The failed TRY of `kind` whose cause is `cause`: an error or plugin failure, read by the login's
 * own reader, with the upstream's wording when one was resolved (a login passes the same).
 */
export function failedTry(kind: TryFailureKind, cause: unknown, wording?: UpstreamWording): FailedTry {
  return { kind, asLogin: loginFailureOf(cause, wording) };
}

/** How one TRY ended, for the tenant's logs. */
export interface TryOutcome {
  tenant: string;
  api: string;
  /** The fingerprint of the settings the TRY began with (tried_settings.ts), not of those saved since. */
  settings: string;
  /** Absent when the TRY worked. */
  failure?: FailedTry;
  /** The name the upstream gave the user who signed in, when the TRY worked. */
  userName?: string;
}

/**
 * A TRY is a login as far as the logs go (Auth0 logs its TRY as `s`, or `f` when it fails), marked
 * details.try: the Overview's checklist reads a successful one, charts leave them all out, and an
 * admin looking for why a connection fails finds the failed ones under `f`. A failed one carries a
 * failed login's fields with their meanings, written by the login's own writer (login_failure.ts's
 * loginFailureDetails, which login_log.ts uses): `error` the OAuth code a client would
 * have been told, `source` whose failure it was, `upstream_kind` the plugin's kind; so filtering the
 * log on any of them finds logins and TRYs alike. TRY's own kind, which its result page explains and
 * which may be the host's (unknown_client, secret_unreadable), is `try_failure`. No user id: TRY
 * creates no user. The settings it tried go with it (tried_settings.ts). Recorded as a login's event
 * is (recordRequestEvent: the request's and the connection's facts, best effort), in the log of the
 * tenant whose connection was tried.
 */
export async function recordTry(deps: Pick<AppDeps, 'store' | 'logger'>, req: Request, connection: Connection, outcome: TryOutcome): Promise<void> {
  const { failure } = outcome;
  const event: RequestEvent = {
    type: failure ? 'f' : 's',
    description: failure ? `Failed login (Try from the dashboard): ${failure.kind}` : 'Successful login (Try from the dashboard; no user created)',
    connection: connection.name,
    ...(outcome.userName ? { userName: outcome.userName } : {}),
    details: {
      try: true,
      api: outcome.api,
      settings: outcome.settings,
      request: { channel: 'dashboard' },
      ...(failure && { ...loginFailureDetails(failure.asLogin), try_failure: failure.kind }),
    },
  };
  await recordRequestEvent(deps, req, event, outcome.tenant);
}

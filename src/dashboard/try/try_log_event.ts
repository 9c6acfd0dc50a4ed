import type { Request } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { Connection } from '../../domain/types.js';
import { recordRequestEvent, type RequestEvent } from '../../http/request_log_event.js';

/** How one TRY ended, for the tenant's logs. */
export interface TryOutcome {
  tenant: string;
  api: string;
  /** The fingerprint of the settings the TRY began with (tried_settings.ts), not of those saved since. */
  settings: string;
  /** The failure's kind (invalid_client, access_denied, ...); absent when the TRY worked. */
  failureKind?: string;
  /** The name the upstream gave the user who signed in, when the TRY worked. */
  userName?: string;
}

/**
 * A failure kind fitgate names itself, logged as the upstream's own code, which the failure page
 * quotes: an admin reading one finds the other. The note keeps what the kind adds.
 */
const LOGGED_AS: Readonly<Record<string, { error: string; note?: string }>> = {
  // At authorize only the client id has been sent: the upstream's invalid_client is an unknown id.
  unknown_client: { error: 'invalid_client', note: 'unknown Client ID, refused at authorize' },
};

/**
 * A TRY is a login as far as the logs go (Auth0 logs its TRY as `s`, or `f` when it fails), marked
 * details.try: the Overview's checklist reads a successful one, charts leave them all out, and an
 * admin looking for why a connection fails finds the failed ones under `f` with the failure's kind.
 * No user id: TRY creates no user. The settings it tried go with it (tried_settings.ts). Recorded as
 * a login's event is (recordRequestEvent: the request's and the connection's facts, best effort),
 * in the log of the tenant whose connection was tried.
 */
export async function recordTry(deps: Pick<AppDeps, 'store' | 'logger'>, req: Request, connection: Connection, outcome: TryOutcome): Promise<void> {
  const logged = outcome.failureKind === undefined ? undefined : (LOGGED_AS[outcome.failureKind] ?? { error: outcome.failureKind });
  const failureKind = logged?.error;
  const event: RequestEvent = {
    type: failureKind ? 'f' : 's',
    description: failureKind
      ? `Failed login (Try from the dashboard): ${failureKind}${logged?.note ? ` (${logged.note})` : ''}`
      : 'Successful login (Try from the dashboard; no user created)',
    connection: connection.name,
    ...(outcome.userName ? { userName: outcome.userName } : {}),
    details: {
      try: true,
      api: outcome.api,
      settings: outcome.settings,
      request: { channel: 'dashboard' },
      ...(failureKind && { error: failureKind }),
    },
  };
  await recordRequestEvent(deps, req, event, outcome.tenant);
}

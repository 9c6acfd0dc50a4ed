import type { Request } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import type { LogEventType } from '../../../domain/log_events.js';
import type { User } from '../../../domain/types.js';
import { consentGrantIdOf } from '../../../domain/user_grants.js';
import type { AppError } from '../../../errors/index.js';
import { recordRequestEvent } from '../../../http/request_log_event.js';
import type { PendingConsent } from './pending_consent.js';

/**
 * fitgate's own code for an Accept: Auth0 records none of its own (the grant shows on the user's
 * Authorized Applications tab), and its `s` is the login's, which fitgate records at the callback.
 * Named as Auth0's newer codes are (`oidc_backchannel_logout_succeeded`): what, then how it went.
 */
export const CONSENT_GRANTED = 'consent_granted' satisfies LogEventType;

/** Auth0's description of the `f` event a declined consent leaves. */
export const CONSENT_DECLINED_DESCRIPTION = 'User did not authorize the request';

export type ConsentOutcome =
  /** Accept, recorded: the user as stored with the grant. */
  | { readonly outcome: 'granted'; readonly user: User }
  /** Decline, or an Accept that could not be honoured (the user blocked or signed out since): what the application was told. */
  | { readonly outcome: 'refused'; readonly error: AppError };

/**
 * Records the person's answer on the consent page in the tenant's log: the application, the
 * connection and the user it was asked for, and the scopes asked (`details.scope`). An Accept is
 * `consent_granted` with the grant's id (as /api/v2/grants names it); a Decline is Auth0's failed
 * login, `f` "User did not authorize the request" with `details.error: access_denied`; an Accept
 * refused after all is an `f` with the error the application got. Never a code, token or state.
 * Best effort (recordRequestEvent): the answer has gone to the application whatever the log does.
 */
export function logConsent(deps: Pick<AppDeps, 'store' | 'logger'>, req: Request, pending: PendingConsent, answer: ConsentOutcome): Promise<void> {
  const { request } = pending;
  const about = { clientId: request.clientId, connection: request.connection, userId: pending.userId };
  if (answer.outcome === 'granted') {
    const grantId = consentGrantIdOf(answer.user, request.clientId);
    return recordRequestEvent(deps, req, {
      ...about,
      type: CONSENT_GRANTED,
      description: 'User authorized the application',
      ...(answer.user.name !== undefined ? { userName: answer.user.name } : {}),
      details: { scope: [...request.scope], ...(grantId !== undefined ? { grant_id: grantId } : {}) },
    });
  }
  const { error } = answer;
  const declined = error.code === 'access_denied';
  return recordRequestEvent(deps, req, {
    ...about,
    type: 'f',
    description: declined ? CONSENT_DECLINED_DESCRIPTION : error.expose ? error.description : 'The login failed inside fitgate.',
    // `source` as a login's failure says it (login_log.ts): the activity charts count it as fitgate's, not the upstream's.
    details: { error: error.code, source: 'fitgate', scope: [...request.scope] },
  });
}

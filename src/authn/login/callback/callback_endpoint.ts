import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { refreshable } from '../../../domain/refreshable.js';
import { successReasonOf } from '../../../domain/users.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { connectionNotEnabled } from '../../connection_not_enabled.js';
import { metricsOf } from '../../../metrics/metrics.js';
import { apiName } from '../../../upstream/api_name.js';
import type { Services } from '../../../services.js';
import { clientErrorParams } from '../authorize/client_redirect.js';
import { sendClientResponse } from '../authorize/send_client_response.js';
import { rememberClient, signIn } from '../login_session.js';
import type { CallbackHandoff } from '../../../upstream/callback_handoff.js';
import { loginFailureOf, type LoginFailure } from '../../../upstream/login_failure.js';
import { clientStillAccepts } from './client_still_accepts.js';
import { completeUpstreamLogin } from './complete_upstream_login.js';
import { describeLogin } from './describe_login.js';
import { findHandoff } from './find_handoff.js';
import { sendFinishedLoginPage } from './finished_login_page.js';
import { finishedLoginOf, recentFinishedLogins, rememberFinishedLogin } from './finished_logins.js';
import { clientDestinationOf } from './issue_authorization_response.js';
import { answerOrAskConsent, sendSignedInAnswer } from '../consent/consent_step.js';
import { loadLoginParties } from './load_login_parties.js';
import { loginCauseOf } from './login_cause.js';
import { logLogin } from './login_log.js';
import { recordUserLogin } from './record_user_login.js';
import { replacedRoundOf } from './replaced_round.js';
import { returnLinkOf } from './return_link.js';
import { revokePreviousApiGrant } from './revoke_previous_api_grant.js';
import { sendBackForRefreshToken } from './send_back_for_refresh_token.js';
import { sendSentBackPage } from './sent_back_page.js';
import { StaleLoginError } from '../../../upstream/stale_login_error.js';
import { takeTransaction } from './take_transaction.js';

/**
 * GET /login/callback, where the upstream sends the browser back, read top to bottom: take the
 * login transaction (single use, this browser, this tenant) before anything is sent upstream, or
 * forward a state another flow claims; check the client still accepts its redirect_uri and may still
 * sign in through the connection (either may have changed since /authorize); finish the
 * upstream round trip; send a login that brought no refresh token, and would keep none, back to the
 * upstream once for one (send_back_for_refresh_token.ts), the second round coming back here; record
 * the login (a blocked user is refused there); revoke the grant of the
 * API a migrated user moved off; renew the session; send the client its code or id_token (or both) in the response
 * mode it asked for (a third-party client the user has not allowed yet: first the consent page,
 * consent/consent_step.ts); log. Failures after the transaction is taken go to the client as OAuth errors,
 * except a state the strategy refuses, which is answered like a state no login has (upstream/stale_login_error.ts).
 * A state this browser's session finished a login with a moment ago is refused alike, with a page
 * that says the login went through (finished_logins.ts); so is the state of a round sent back whose
 * second round this browser has in flight, with a page that says the login carries on upstream
 * (replaced_round.ts). Each such callback is counted once, as the failed login of a used state; the
 * round it names was counted only as sent back.
 */
export function callbackEndpoint(deps: AppDeps, services: Pick<Services, 'upstreams' | 'revokeGrant'>, handoffs: readonly CallbackHandoff[] = []): RequestHandler {
  const metrics = metricsOf(deps);
  const { upstreams, revokeGrant } = services;
  return async (req: Request, res: Response, next: NextFunction) => {
    // A login's own transaction first: it is the common case, and a state another flow claims is
    // never among this browser's pending logins, so taking first costs the handoffs nothing.
    const transaction = await takeTransaction(deps.store.ephemeral, req, res);
    if (!transaction) {
      const handoff = await findHandoff(handoffs, req);
      if (handoff) return res.redirect(303, handoff);
      const refusal = new StaleLoginError();
      const failure: LoginFailure = { error: refusal, source: 'fitgate' };
      await logLogin(deps, req, undefined, undefined, { outcome: 'failure', failure });
      metrics.authn.login(req.context.tenant.name, '', 'failure', refusal.code, loginCauseOf(failure));
      const finished = finishedLoginOf(req.session, req.query.state, req.context.tenant.name, Date.now());
      if (finished) return sendFinishedLoginPage(req, res, finished, refusal.status);
      const replaced = await replacedRoundOf(deps.store, req);
      if (replaced) return sendSentBackPage(req, res, replaced, refusal.status);
      return next(refusal);
    }
    const { client, connection } = await loadLoginParties(deps.store, transaction);
    // Changed since /authorize: the redirect_uri (or, for web_message, its origin) is no longer one
    // fitgate may send a code to.
    if (!clientStillAccepts(client, transaction)) {
      return next(new InvalidRequestError('The application changed while you were logging in. Go back to it and log in again.'));
    }
    const destination = clientDestinationOf(transaction, req.context.tenantUrl);
    // Whose failure it is decides what the client hears and how the log counts it (login_failure.ts).
    const refuse = async (failure: LoginFailure): Promise<void> => {
      const { error } = failure;
      if (error.status >= 500) res.err = error;
      await logLogin(deps, req, transaction, client.name, { outcome: 'failure', failure });
      metrics.authn.login(transaction.tenant, transaction.connection, 'failure', error.code, loginCauseOf(failure));
      // A state the strategy refused is answered as one no login has: a page, as above.
      if (error instanceof StaleLoginError) return next(error);
      sendClientResponse(res, destination, clientErrorParams(error, transaction.state));
    };
    if (!connection) return refuse(loginFailureOf(new InvalidRequestError(`The connection "${transaction.connection}" no longer exists.`)));
    // Turned off for the application while the user was at the upstream (or deleted and made again
    // under its name without it): /authorize would refuse this login now, so it signs nobody in,
    // and nothing is sent upstream for it.
    if (!connection.enabledClients.includes(client.clientId)) return refuse(loginFailureOf(new InvalidRequestError(connectionNotEnabled(connection.name))));
    // A failed round trip comes read already, in its upstream's words (complete_upstream_login.ts).
    const roundTrip = await completeUpstreamLogin(req, upstreams, connection, transaction, deps.config);
    if ('failure' in roundTrip) return refuse(roundTrip.failure);
    const { verified, upstream } = roundTrip;
    try {
      // No refresh token came back and the user would keep none: once, back upstream for one, before anything is written.
      const sendBack = { store: deps.store, config: deps.config, upstreams, metrics };
      if (await sendBackForRefreshToken(sendBack, req, res, { connection, transaction, verified, plugin: upstream.plugin })) return;
      const now = new Date();
      const result = await recordUserLogin(deps, req, connection, verified, now);
      const previousGrantRevoked = await revokePreviousApiGrant(revokeGrant, connection, result);
      const { user } = result;
      const authTime = Math.floor(now.getTime() / 1000);
      const signedIn = { tenant: transaction.tenant, userId: user.userId, connection: connection.name, authTime };
      // Read before the sign-in regenerates the session, which empties it; carried over only for
      // the same user, so that the next person at a shared computer is not told they signed in to
      // the previous one's application.
      const previous = req.session.endUser;
      const sameUser = previous?.tenant === transaction.tenant && previous.userId === user.userId;
      const finishedEarlier = sameUser ? recentFinishedLogins(req.session, now.getTime()) : [];
      const sid = await signIn(deps, req, user.sessionsEndedAt === undefined ? signedIn : { ...signedIn, sessionsEndedAt: user.sessionsEndedAt });
      // A third-party application hears nothing until the person allowed it (consent_step.ts).
      const answer = await answerOrAskConsent(deps, req, client, transaction, { user, authTime, sid });
      if ('response' in answer && req.session.endUser) rememberClient(req.session.endUser, client);
      const thisLogin = {
        upstreamState: transaction.upstreamState,
        replaced: transaction.replacedRound?.state,
        tenant: transaction.tenant,
        clientName: client.name,
        returnTo: returnLinkOf(client, transaction.redirectUri),
      };
      rememberFinishedLogin(req.session, finishedEarlier, thisLogin, now.getTime());

      const apiNameOf = (api: string) => apiName(upstream.plugin, api);
      const description = describeLogin(result, previousGrantRevoked, { apiName: apiNameOf, noRefreshToken: upstream.wording.noRefreshToken });
      await logLogin(deps, req, transaction, client.name, { outcome: 'success', user, description, refreshable: refreshable(result.identity) });
      metrics.authn.login(transaction.tenant, transaction.connection, 'success', successReasonOf(result), 'none');
      if (result.reconnected === true) metrics.vault.reconnected(transaction.tenant, transaction.connection);
      sendSignedInAnswer(res, destination, answer);
    } catch (caught) {
      // The steps after the round trip: no upstream's wording applies to what they throw.
      await refuse(loginFailureOf(caught));
    }
  };
}

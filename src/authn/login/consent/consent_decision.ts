import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { isSignInEnded } from '../../../domain/ended_sessions.js';
import { USER_BLOCKED } from '../../../domain/users.js';
import { withGrant } from '../../../domain/user_grants.js';
import { updateUser } from '../../../domain/user_updates.js';
import { AccessDeniedError, AppError, InvalidRequestError, LoginRequiredError, UserBlockedError } from '../../../errors/index.js';
import { keepOpener } from '../../../http/security_headers.js';
import { isSignInOfEarlierUser } from '../../tokens/earlier_user.js';
import { clientErrorParams } from '../authorize/client_redirect.js';
import { sendClientResponse } from '../authorize/send_client_response.js';
import { clientStillAccepts } from '../callback/client_still_accepts.js';
import { clientDestinationOf, issueAuthorizationResponse } from '../callback/issue_authorization_response.js';
import { formFields } from '../form_post_to_get.js';
import { endSession, rememberClient } from '../login_session.js';
import { ConsentFormRefusedError, ConsentNotPendingError } from './consent_errors.js';
import { CONSENT_DECLINED_DESCRIPTION, logConsent } from './consent_log.js';
import { APPLICATION_CHANGED } from './consent_page.js';
import { carriesConsentToken, claimConsentAnswer, findPendingConsent, forgetPendingConsent, type PendingConsent } from './pending_consent.js';

/**
 * POST /login/consent: the person's answer, read top to bottom. The request must wait in this
 * session for its sign-in, and the form must carry the request's own token (a refusal is a page and
 * spends nothing); then the request is taken out, so it is answered once. The application must
 * still accept its redirect_uri (a page otherwise, as at the callback). Decline sends it
 * access_denied with its state (RFC 6749 §4.1.2.1); Accept records the grant on the user record,
 * then issues the code (or id_token) bound to the same sign-in, exactly as a login without the
 * step would have. Failures after the take go to the application as OAuth errors. Each answer is
 * in the tenant's log (consent_log.ts).
 */
export function consentDecision(deps: Pick<AppDeps, 'store' | 'sealer' | 'logger'>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const form = formFields(req);
    const pending = findPendingConsent(req.session, form.consent);
    if (!pending) throw new ConsentNotPendingError();
    if (!carriesConsentToken(pending, form._csrf)) throw new ConsentFormRefusedError();
    const decision = form.decision;
    if (decision !== 'accept' && decision !== 'decline') throw new InvalidRequestError('Answer with Accept or Decline.');
    if (!(await claimConsentAnswer(deps.store.locks, pending))) throw new ConsentNotPendingError();
    forgetPendingConsent(req.session, pending.id);
    const { request } = pending;
    const client = await deps.store.clients.get(request.tenant, request.clientId);
    if (!clientStillAccepts(client, request)) throw new InvalidRequestError(APPLICATION_CHANGED);
    if (request.responseMode === 'web_message') keepOpener(res);
    const destination = clientDestinationOf(request, req.context.tenantUrl);
    try {
      // Auth0's words: applications written for it tell a declined consent by them.
      if (decision === 'decline') throw new AccessDeniedError(CONSENT_DECLINED_DESCRIPTION);
      const user = await grantConsent(deps, req, res, pending);
      await logConsent(deps, req, pending, { outcome: 'granted', user });
      const response = await issueAuthorizationResponse(deps, req.context, request, { user, authTime: pending.authTime, sid: pending.sid });
      if (req.session.endUser) rememberClient(req.session.endUser, client);
      sendClientResponse(res, destination, response);
    } catch (error) {
      if (!(error instanceof AppError)) return next(error);
      if (error.status >= 500) res.err = error;
      await logConsent(deps, req, pending, { outcome: 'refused', error });
      sendClientResponse(res, destination, clientErrorParams(error, request.state));
    }
  };
}

/**
 * Records the grant on the user it was asked for, who must still be the one signed in (not deleted
 * and signed up again, not blocked, sessions not ended since: as single sign-on checks), and returns
 * the user as stored.
 */
async function grantConsent(deps: Pick<AppDeps, 'store'>, req: Request, res: Response, pending: PendingConsent) {
  const { request } = pending;
  const current = await deps.store.users.get(request.tenant, pending.userId);
  const endUser = req.session.endUser;
  if (!current || !endUser || isSignInOfEarlierUser(current, pending.authTime) || isSignInEnded(current, endUser)) {
    throw new LoginRequiredError('The user is not signed in at this tenant.');
  }
  if (current.blocked === true) {
    await endSession(req, res);
    throw new UserBlockedError(USER_BLOCKED);
  }
  return updateUser(deps.store.users, request.tenant, pending.userId, (user) => withGrant(user, request.clientId, request.scope, new Date()));
}

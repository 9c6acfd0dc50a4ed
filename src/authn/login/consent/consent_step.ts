import type { Request, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import type { Client, User } from '../../../domain/types.js';
import { consentNeeded } from '../../../domain/user_grants.js';
import { ConsentRequiredError } from '../../../errors/index.js';
import type { ClientRedirectParams } from '../authorize/client_redirect.js';
import { sendClientResponse, type ClientDestination } from '../authorize/send_client_response.js';
import { issueAuthorizationResponse } from '../callback/issue_authorization_response.js';
import type { PendingAuthorization } from '../login_transaction.js';
import { holdForConsent } from './pending_consent.js';

/** What a sign-in leads to: the application's answer, or first the consent page at `consentPage`. */
export type SignedInAnswer = { readonly response: ClientRedirectParams } | { readonly consentPage: string };

/**
 * The step between a sign-in (a finished login, or the session's for single sign-on and
 * prompt=none) and the application's answer. A first-party application gets its code or id_token at
 * once, as always. A third-party one that the user has not yet allowed every requested scope (or
 * that asked prompt=consent) gets nothing yet: the request waits in the session and the person is
 * sent to the consent page (consent_page.ts), and only their Accept issues the answer. With
 * prompt=none nobody can be asked: consent_required (OpenID Connect Core §3.1.2.6).
 */
export async function answerOrAskConsent(
  deps: Pick<AppDeps, 'store' | 'sealer'>,
  req: Request,
  client: Pick<Client, 'clientId' | 'isFirstParty'>,
  request: PendingAuthorization,
  login: { user: User; authTime: number; sid: string },
): Promise<SignedInAnswer> {
  if (!consentNeeded(client, login.user, request)) {
    return { response: await issueAuthorizationResponse(deps, req.context, request, login) };
  }
  if (request.prompt.includes('none')) {
    throw new ConsentRequiredError('The user has not allowed this application yet; send them to /authorize without prompt=none to ask.');
  }
  return { consentPage: holdForConsent(req, request, { userId: login.user.userId, authTime: login.authTime, sid: login.sid }) };
}

/** Sends the answer: to the application in its response mode, or the browser on to the consent page. */
export function sendSignedInAnswer(res: Response, destination: ClientDestination, answer: SignedInAnswer): void {
  if ('consentPage' in answer) {
    res.set('Cache-Control', 'no-store');
    res.redirect(303, answer.consentPage);
    return;
  }
  sendClientResponse(res, destination, answer.response);
}

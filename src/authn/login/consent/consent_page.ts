import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../../app_deps.js';
import { scopesInWords } from '../../../domain/scope_words.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { allowFormRedirectsTo, keepOpener } from '../../../http/security_headers.js';
import { views } from '../../../http/views.js';
import { clientStillAccepts } from '../callback/client_still_accepts.js';
import { ConsentNotPendingError } from './consent_errors.js';
import { CONSENT_PATH, findPendingConsent } from './pending_consent.js';

/** The application changed since /authorize (callback removed, web origin unlisted): nothing may go there now. */
export const APPLICATION_CHANGED = 'The application changed while you were logging in. Go back to it and log in again.';

/**
 * GET /login/consent?consent=ID: the page that asks the signed-in person whether a third-party
 * application may have what it asked for (consent_step.ts sends them here). It names the
 * application (its stored name, printed as text), the tenant, the account and each scope in words,
 * and its form answers Accept or Decline to POST /login/consent with the request's own token
 * (consent_decision.ts). The answer ends at the application's redirect_uri, so this response's
 * form-action names that address too (http/security_headers.ts).
 */
export function consentPage(deps: Pick<AppDeps, 'store'>): RequestHandler {
  return async (req: Request, res: Response) => {
    const pending = findPendingConsent(req.session, req.query.consent);
    if (!pending) throw new ConsentNotPendingError();
    const { request } = pending;
    const client = await deps.store.clients.get(request.tenant, request.clientId);
    if (!clientStillAccepts(client, request)) throw new InvalidRequestError(APPLICATION_CHANGED);
    const user = await deps.store.users.get(request.tenant, pending.userId);
    // A popup login answers its opener at the end (security_headers.ts's keepOpener).
    if (request.responseMode === 'web_message') keepOpener(res);
    allowFormRedirectsTo(res, [request.redirectUri]);
    views().send(res, 'login/consent', {
      title: `Allow ${client.name} access?`,
      tenantName: req.context.tenant.name,
      clientName: client.name,
      account: user?.email ?? user?.name ?? pending.userId,
      scopes: scopesInWords(request.scope),
      action: CONSENT_PATH,
      consentId: pending.id,
      csrfToken: pending.csrf,
    });
  };
}

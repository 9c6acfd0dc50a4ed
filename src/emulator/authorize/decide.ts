import { AuthorizePageError } from '../errors.js';
import type { PendingAuthorization } from '../records.js';
import { grantKey } from '../records.js';
import { googleGrantedSpelling, googleRedirectSpelling } from '../google_scope_spelling.js';
import { isGoogleIdentityScope } from '../scopes.js';
import { randomToken, type EmulatorState } from '../state.js';

export type Decision = 'approve' | 'deny';
type Request = Omit<PendingAuthorization, 'id' | 'expiresAt'>;

/**
 * Turns the user's answer into the redirect back to the app: a code bound to the client,
 * redirect_uri, PKCE challenge and granted scopes, or an error the app can read.
 * The granted scopes are those requested and chosen; Google always grants the sign-in scopes
 * (openid, email, profile) because its consent screen offers no checkbox for them, and records
 * them in its own spelling (google_scope_spelling.ts).
 */
export function decide(
  state: EmulatorState,
  request: Request,
  login: string,
  decision: Decision,
  chosenScopes: readonly string[] | undefined,
): string {
  const user = state.users.get(login);
  if (!user) throw new AuthorizePageError('invalid_request', `There is no test user "${login}" in this emulator.`);
  const app = state.apps.get(request.clientId);
  if (!app) throw new AuthorizePageError('invalid_request', 'The application was removed while the request was pending.');

  if (decision === 'deny') {
    state.count(request.api, 'consentsDenied');
    return errorRedirect(request, 'access_denied', '');
  }
  if (app.type === 'personal' && app.ownerLogin !== login) {
    return errorRedirect(request, 'unauthorized_client', 'A personal application can only be authorized by its owner.');
  }

  const google = request.api === 'google-health';
  const chosen = chosenScopes ?? request.scopes;
  const kept = request.scopes.filter((scope) => chosen.includes(scope) || (google && isGoogleIdentityScope(scope)));
  let granted = google ? googleGrantedSpelling(kept) : kept;
  if (request.includeGrantedScopes) {
    const previous = state.grants.get(grantKey(request.api, request.clientId, login))?.scopes ?? [];
    granted = [...new Set([...previous, ...granted])];
  }

  const code = randomToken(google ? '4/' : '', 24);
  state.codes.set(code, {
    code,
    api: request.api,
    clientId: request.clientId,
    login,
    scopes: granted,
    redirectUri: request.redirectUri,
    redirectUriGiven: request.redirectUriGiven,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    nonce: request.nonce,
    offline: request.offline,
    forcedConsent: request.forcedConsent,
    expiresAt: state.now() + state.settings.codeTtlSeconds * 1000,
    used: false,
  });
  state.noteAdded();
  state.count(request.api, 'consentsApproved');

  const url = new URL(request.redirectUri);
  url.searchParams.set('code', code);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  if (google) url.searchParams.set('scope', googleRedirectSpelling(request.scopes, granted).join(' '));
  // Fitbit appends "#_=_" to every successful redirect; apps must tolerate it.
  return request.api === 'fitbit-legacy' ? `${url.href}#_=_` : url.href;
}

/** Is the grant already on record covering every requested scope (what prompt=none needs)? */
export function alreadyGranted(state: EmulatorState, request: Request, login: string): boolean {
  const grant = state.grants.get(grantKey(request.api, request.clientId, login));
  // A grant holds Google's spelling of the sign-in scopes, which the request may not use.
  const requested = request.api === 'google-health' ? googleGrantedSpelling(request.scopes) : request.scopes;
  return grant !== undefined && requested.every((scope) => grant.scopes.includes(scope));
}

export function errorRedirect(request: Request, error: string, description: string): string {
  const url = new URL(request.redirectUri);
  url.searchParams.set('error', error);
  // Neither upstream describes a plain denial; other errors carry a description for the developer.
  if (error !== 'access_denied') url.searchParams.set('error_description', description);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return url.href;
}

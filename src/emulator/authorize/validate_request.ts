import { AuthorizePageError } from '../errors.js';
import { stringParam as param } from '../params.js';
import type { PendingAuthorization } from '../records.js';
import { isGoogleScope, isLegacyScope, parseScopeList } from '../scopes.js';
import type { EmulatorState } from '../state.js';
import { isWellFormedPkceValue, parseChallengeMethod } from '../tokens/pkce.js';
import type { UpstreamApi } from '../types.js';
import { WORDING } from './wording.js';

export type AuthorizeRequest = Omit<PendingAuthorization, 'id' | 'expiresAt'> & {
  readonly prompt: readonly string[];
  /** Google's login_hint: the consent page preselects the test user it names (login_hint.ts). */
  readonly loginHint: string | undefined;
};

type Query = Record<string, unknown>;

function fail([code, message]: [string, string], status = 400): never {
  throw new AuthorizePageError(code, message, status);
}

const PROMPTS: Record<UpstreamApi, readonly string[]> = {
  'fitbit-legacy': ['none', 'consent', 'login'],
  'google-health': ['none', 'consent', 'select_account'],
};

/**
 * Checks an authorize request in the order the upstreams do: the client and redirect_uri first
 * (until both are trusted, nothing may be sent back to the redirect_uri), then the rest. Every
 * failure here is shown on the upstream's own page: Fitbit's authorize page, Google's error page
 * (google_error_redirect.ts).
 */
export function validateAuthorizeRequest(state: EmulatorState, api: UpstreamApi, query: Query): AuthorizeRequest {
  const wording = WORDING[api];

  const clientId = param(query, 'client_id') ?? fail(wording.missing('client_id'));
  const app = state.apps.get(clientId);
  if (!app || app.api !== api) {
    const [code, message, status] = wording.unknownClient;
    fail([code, message], status);
  }
  const registered = app.redirectUris;
  const given = param(query, 'redirect_uri');
  // Fitbit fills in the only registered URI when none is sent; Google always requires it.
  const onlyRegistered = api === 'fitbit-legacy' && registered.length === 1 ? registered[0] : undefined;
  const redirectUri = given ?? onlyRegistered ?? fail(wording.missingRedirectUri);
  if (!registered.includes(redirectUri)) fail(wording.redirectMismatch);

  const responseType = param(query, 'response_type') ?? fail(wording.missing('response_type'));
  if (responseType !== 'code') fail(wording.unsupportedResponseType);

  const scopes = parseScopeList(param(query, 'scope'));
  if (scopes.length === 0) fail(wording.missing('scope'));
  const unknownScopes = scopes.filter((scope) => !(api === 'fitbit-legacy' ? isLegacyScope(scope) : isGoogleScope(scope)));
  if (unknownScopes.length > 0) fail(wording.invalidScope(unknownScopes));

  const codeChallengeMethod = parseChallengeMethod(param(query, 'code_challenge_method')) ?? fail(wording.unsupportedChallengeMethod);
  const codeChallenge = param(query, 'code_challenge');
  if (codeChallenge !== undefined && !isWellFormedPkceValue(codeChallenge)) fail(wording.challengeLength);

  const prompt = parseScopeList(param(query, 'prompt'));
  if (prompt.some((value) => !PROMPTS[api].includes(value)) || (prompt.includes('none') && prompt.length > 1)) {
    fail(wording.invalidPrompt);
  }

  const accessType = param(query, 'access_type') ?? 'online';
  if (api === 'google-health' && accessType !== 'online' && accessType !== 'offline') {
    fail(['invalid_request', `Invalid access_type: ${accessType}`]);
  }

  return {
    api,
    clientId,
    redirectUri,
    redirectUriGiven: given !== undefined,
    state: param(query, 'state'),
    scopes,
    codeChallenge,
    codeChallengeMethod,
    nonce: param(query, 'nonce'),
    offline: accessType === 'offline',
    forcedConsent: prompt.includes('consent'),
    includeGrantedScopes: param(query, 'include_granted_scopes') === 'true',
    prompt,
    // Google takes a login_hint (https://developers.google.com/identity/protocols/oauth2/web-server);
    // Fitbit's authorize page documents none: the legacy page ignores it, as any parameter it does not know.
    loginHint: api === 'google-health' ? param(query, 'login_hint') : undefined,
  };
}

import type { AuthorizationCodeRecord } from '../records.js';
import type { EmulatorState } from '../state.js';
import { verifierMatches } from './pkce.js';

export type RedeemFailure = 'invalid_code' | 'redirect_uri_mismatch' | 'missing_verifier' | 'invalid_verifier';

export interface RedeemRequest {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string | undefined;
  readonly codeVerifier: string | undefined;
}

/**
 * Checks an authorization code against the token request (RFC 6749 §4.1.3, RFC 7636 §4.6) and
 * marks it used. A code is single use, bound to the client that asked for it, to the redirect_uri
 * given at authorize and to the PKCE challenge. Each failure is named so that each upstream words
 * it its own way.
 */
export function redeemCode(
  state: EmulatorState,
  request: RedeemRequest,
): { ok: true; record: AuthorizationCodeRecord } | { ok: false; failure: RedeemFailure } {
  const record = state.codes.get(request.code);
  if (!record || record.used || record.expiresAt <= state.now() || record.clientId !== request.clientId) {
    return { ok: false, failure: 'invalid_code' };
  }
  const redirectUri = request.redirectUri ?? (record.redirectUriGiven ? undefined : record.redirectUri);
  if (redirectUri !== record.redirectUri) return { ok: false, failure: 'redirect_uri_mismatch' };
  if (record.codeChallenge !== undefined) {
    if (!request.codeVerifier) return { ok: false, failure: 'missing_verifier' };
    if (!verifierMatches(record.codeChallenge, record.codeChallengeMethod, request.codeVerifier)) {
      return { ok: false, failure: 'invalid_verifier' };
    }
  }
  record.used = true;
  return { ok: true, record };
}

import type { FitbitApi } from './api.js';
import { isFitbitScope, type FitbitScope } from './scopes.js';

/** Per-request options FitbitStrategy understands; anything else given to authenticate() is ignored. */
export interface FitbitAuthenticateOptions {
  /** legacy: none, consent, login, "login consent"; google-health: none, consent, select_account, or a space-separated mix. */
  prompt?: string;
  /** Fitbit scope names for this request only, replacing the configured ones. */
  scope?: string | readonly string[];
  /**
   * The account the person will likely sign in with, usually an email address: google-health sends
   * it as Google's `login_hint`; fitbit-legacy sends nothing, Fitbit documenting no such parameter.
   */
  loginHint?: string;
}

// https://dev.fitbit.com/build/reference/web-api/authorization/authorize/
const LEGACY_PROMPTS = ['none', 'consent', 'login', 'login consent'];
// https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient ("prompt")
const GOOGLE_PROMPT_WORDS = ['none', 'consent', 'select_account'];

export function checkPrompt(api: FitbitApi, prompt: unknown): string | undefined {
  if (prompt === undefined) return undefined;
  if (typeof prompt !== 'string') throw new TypeError('prompt must be a string');
  const words = prompt.split(' ');
  const valid =
    api === 'fitbit-legacy'
      ? LEGACY_PROMPTS.includes(prompt)
      : words.every((word) => GOOGLE_PROMPT_WORDS.includes(word)) && new Set(words).size === words.length && (!words.includes('none') || words.length === 1);
  if (!valid) throw new TypeError(`prompt "${prompt}" is not one ${api === 'fitbit-legacy' ? 'Fitbit' : 'Google'} accepts`);
  return prompt;
}

/** Fitbit scope names from a list or a space-separated string; an unknown name is an error. */
export function checkScopes(scope: string | readonly string[]): FitbitScope[] {
  const names = typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [...scope];
  const unknown = names.filter((name) => !isFitbitScope(name));
  if (unknown.length > 0) throw new TypeError(`unknown Fitbit scope: ${unknown.join(', ')}`);
  return names as FitbitScope[];
}

/**
 * Where the mode's authorize page takes the login hint. Google's
 * (https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient, "login_hint"):
 * an email address or the account's `sub`; Google prefills its sign-in form with it or picks that
 * account's session. Fitbit's authorize page documents no such parameter
 * (https://dev.fitbit.com/build/reference/web-api/authorization/authorize/ lists client_id,
 * response_type, scope, redirect_uri, expires_in, prompt, state and the PKCE pair), so
 * fitbit-legacy sends none.
 */
export function loginHintParameter(api: FitbitApi): string | undefined {
  return api === 'google-health' ? 'login_hint' : undefined;
}

/**
 * The provider's own authorize parameters, beside the prompt and login hint OAuth2LoginStrategy
 * adds: options never pass through unread. passport-oauth2 adds client_id, response_type,
 * redirect_uri, scope, state and the PKCE challenge; FitbitStrategy adds the google-health nonce
 * once the challenge exists.
 */
export function providerParams(api: FitbitApi): Record<string, string> {
  if (api !== 'google-health') return {};
  return {
    // Without offline access Google issues no refresh token.
    access_type: 'offline',
    // Incremental authorization: a grant adds to what the user already gave this client.
    include_granted_scopes: 'true',
  };
}

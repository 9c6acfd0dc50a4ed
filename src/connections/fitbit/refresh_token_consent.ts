import type { PluginAuthorizeOptions } from '../plugin.js';
import type { FitbitApi } from './api.js';
import { upstreamPrompt } from './prompt.js';

/**
 * The authorize options that make the API's upstream issue a refresh token to a login that brought
 * none, given the client's OpenID Connect `prompt` (the host's consentForRefreshToken).
 *
 * google-health: Google issues a refresh token (access_type=offline, which every authorize request
 * of this plugin carries: authorization_params.ts) only at the user's first consent to the client,
 * or when prompt=consent forces a new one
 * (https://developers.google.com/identity/protocols/oauth2/web-server#creatingclient, "prompt").
 * So the consent is added to what the login asked for: a login that asked to pick an account again
 * (select_account) keeps that.
 *
 * fitbit-legacy: none. Fitbit's code exchange returns a refresh token with every login
 * (https://dev.fitbit.com/build/reference/web-api/authorization/oauth2-token/), so a login without
 * one has another cause, which a consent would not fix.
 */
export function consentForRefreshToken(api: FitbitApi, prompt: readonly string[]): PluginAuthorizeOptions | undefined {
  if (api === 'fitbit-legacy') return undefined;
  const spelled = upstreamPrompt(api, [...prompt, 'consent']);
  return spelled === undefined ? undefined : { prompt: spelled };
}

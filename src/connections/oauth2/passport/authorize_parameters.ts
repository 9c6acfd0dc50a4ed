/**
 * The upstream's names for the two asks the host passes a login strategy's `authenticate`
 * (PluginAuthorizeOptions): `prompt`, already spelled by the plugin's authorizationPrompt, and
 * `loginHint`, the client's login_hint. An absent name: the upstream never hears that ask.
 */
export interface AuthorizeParameterNames {
  readonly prompt?: string | undefined;
  readonly loginHint?: string | undefined;
}

/** The asks as `authenticate` receives them: the host passes strings, anything may reach a strategy. */
export interface AuthorizeAsks {
  readonly prompt?: unknown;
  readonly loginHint?: unknown;
}

/**
 * Refuses an ask that is no string: passport-oauth2 would put an array or an object in the URL as
 * it is, which no upstream documents. An empty one is none. `checkPrompt` judges a prompt that is a
 * string (the empty one included) before the login hint is looked at, so that a request wrong in
 * both is refused for its prompt.
 */
export function checkAuthorizeAsks(asks: AuthorizeAsks, checkPrompt?: (prompt: string) => void): void {
  for (const key of ['prompt', 'loginHint'] as const) {
    const value = asks[key];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`${key} must be a string`);
    if (key === 'prompt' && typeof value === 'string') checkPrompt?.(value);
  }
}

/** The authorize URL's parameters for the asks, under the upstream's names; none for an unnamed or empty ask. */
export function authorizeParameters(names: AuthorizeParameterNames, asks: AuthorizeAsks): Record<string, string> {
  const params: Record<string, string> = {};
  if (names.prompt && typeof asks.prompt === 'string' && asks.prompt !== '') params[names.prompt] = asks.prompt;
  if (names.loginHint && typeof asks.loginHint === 'string' && asks.loginHint !== '') params[names.loginHint] = asks.loginHint;
  return params;
}

/**
 * The response types and response modes /authorize serves: the three Auth0 offers regular web
 * applications, returned in any of the four modes. `token` (an access token in the front channel)
 * is not among them: access tokens come from /oauth/token only.
 */

/** Written in one canonical order; a request may name the values in any order (OAuth 2.0 Multiple Response Types §5). */
export const RESPONSE_TYPES = ['code', 'id_token', 'code id_token'] as const;
export type ResponseType = (typeof RESPONSE_TYPES)[number];

/**
 * query and fragment (OAuth 2.0 Multiple Response Types §2.1), form_post (OAuth 2.0 Form Post
 * Response Mode), and web_message: Auth0's mode for single-page apps (auth0-spa-js's silent login in
 * an iframe and its popup login), where a page posts the response to the app's window with
 * postMessage, only to an origin the client lists among its Allowed Web Origins (web_message_origin.ts).
 */
export const RESPONSE_MODES = ['query', 'fragment', 'form_post', 'web_message'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** The canonical response type for a requested value, or undefined when it is not one fitgate serves. */
export function parseResponseType(value: string): ResponseType | undefined {
  const values = [...new Set(value.split(' ').filter(Boolean))].sort();
  const canonical = values.join(' ');
  return RESPONSE_TYPES.find((type) => type === canonical);
}

export function parseResponseMode(value: string): ResponseMode | undefined {
  return RESPONSE_MODES.find((mode) => mode === value);
}

export function returnsCode(type: ResponseType): boolean {
  return type === 'code' || type === 'code id_token';
}

export function returnsIdToken(type: ResponseType): boolean {
  return type === 'id_token' || type === 'code id_token';
}

/**
 * OAuth 2.0 Multiple Response Types §5: responses carrying a token default to the fragment and must
 * never use the query, where the token would land in server logs and Referer headers.
 */
export function defaultResponseMode(type: ResponseType): ResponseMode {
  return returnsIdToken(type) ? 'fragment' : 'query';
}

export function modeAllowedFor(mode: ResponseMode, type: ResponseType): boolean {
  return !(mode === 'query' && returnsIdToken(type));
}

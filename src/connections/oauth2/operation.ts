/**
 * The calls of the OAuth flow, named as every plugin names them in its reports and errors, so that a
 * dashboard reads every upstream alike: `token` for the code exchange, `refresh`, `revoke`, and
 * `authorize` for the browser's request. A plugin adds its own calls (a profile request) beside them.
 */
export const OAUTH2_OPERATIONS = ['authorize', 'token', 'refresh', 'revoke'] as const;

export type OAuth2Operation = (typeof OAUTH2_OPERATIONS)[number];

/** The token endpoint's calls: `refresh` for the refresh_token grant, `token` for the code exchange. */
export type TokenOperation = Extract<OAuth2Operation, 'token' | 'refresh'>;

export function isOAuth2Operation(operation: string): operation is OAuth2Operation {
  return (OAUTH2_OPERATIONS as readonly string[]).includes(operation);
}

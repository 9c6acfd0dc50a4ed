import type { JsonObject } from '../json.js';
import type { TokenResponse } from '../token_response.js';

type TokenCallback = (error: unknown, accessToken?: string, refreshToken?: string, params?: JsonObject) => void;

/** node-oauth's client inside passport-oauth2 (the strategy's protected `_oauth2`), as far as the code exchange goes. */
interface NodeOAuthClient {
  getOAuthAccessToken(code: string, params: Record<string, string>, callback: TokenCallback): void;
}

/**
 * passport-oauth2 exchanges the code through node-oauth, its own HTTP client: no timeout, no report,
 * no upstreamBaseUrl, the secret always in the body. Replaces that request on `oauth2` (a subclass's
 * `this._oauth2`, which passport-oauth2 documents as protected for subclasses) with `exchange`, called
 * back as node-oauth calls back: the token answer as `params`, or the exchange's own error, typed.
 */
export function exchangeCodesWith(oauth2: object, exchange: (code: string, params: Record<string, string>) => Promise<TokenResponse>): void {
  (oauth2 as NodeOAuthClient).getOAuthAccessToken = (code, params, callback) => {
    exchange(code, params).then(
      (token) => callback(null, token.accessToken, token.refreshToken, token.json),
      (error: unknown) => callback(error),
    );
  };
}

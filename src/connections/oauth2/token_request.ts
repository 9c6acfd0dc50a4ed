import type { UpstreamFetch } from '../plugin.js';
import { callUpstreamJson, type AnswerReader, type RefusalReader } from './call_upstream.js';
import { clientAuthentication, type EndpointClient } from './client_authentication.js';
import type { TokenOperation } from './operation.js';
import { parseTokenResponse, type AccessTokenLifetime, type TokenResponse } from './token_response.js';

/**
 * One upstream's token endpoint, as every grant reaches it: with, when its answers may leave
 * `expires_in` out, how the access token's lifetime is known then (AccessTokenLifetime, RFC 6749 §5.1).
 */
export interface TokenEndpoint extends AccessTokenLifetime {
  url: string;
  client: EndpointClient;
  upstreamFetch: UpstreamFetch;
  timeoutMs: number;
  refusal: RefusalReader<TokenOperation>;
  /**
   * For an upstream that answers HTTP 200 to every grant, wrapping the token answer or a refusal in
   * a body of its own: its reading of that body (UpstreamRequest's), so that the token answer is
   * parsed from the object it returns (readAnswer then receives that one as `json`) and its
   * refusal is thrown, and counted, as a RefusalReader's is. Absent: the body is the token answer.
   */
  answerOf?: AnswerReader<TokenOperation> | undefined;
}

export interface TokenRequest extends TokenEndpoint {
  /** grant_type and its parameters. */
  grant: { grant_type: 'authorization_code' | 'refresh_token' } & Record<string, string>;
}

/**
 * POSTs one grant to the token endpoint (RFC 6749 §4.1.3, §6) with the client's authentication, and
 * reads the answer (token_response.ts). Reported as `refresh` for the refresh_token grant, else `token`.
 */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const operation: TokenOperation = request.grant.grant_type === 'refresh_token' ? 'refresh' : 'token';
  const auth = clientAuthentication(request.client);
  const { json } = await callUpstreamJson({
    operation,
    url: request.url,
    upstreamFetch: request.upstreamFetch,
    timeoutMs: request.timeoutMs,
    refusal: request.refusal,
    answerOf: request.answerOf,
    headers: auth.headers,
    form: { ...request.grant, ...auth.form },
  });
  return parseTokenResponse(operation, json, request);
}

import type { UpstreamFetch } from '../plugin.js';
import { callUpstream, type AnswerReader, type RefusalReader } from './call_upstream.js';
import { clientAuthentication, type EndpointClient } from './client_authentication.js';

export interface RevocationRequest {
  url: string;
  token: string;
  /**
   * The form parameter that carries the token: RFC 7009's `token` when absent. An endpoint that is
   * no RFC 7009 one names its own (Strava's deauthorize takes the access token as `access_token`).
   */
  tokenParameter?: string | undefined;
  /**
   * How the client proves itself here, as the upstream documents it for this endpoint:
   * `client_secret_basic`, `client_secret_post`, or `none` (its client_id alone). Absent: nothing
   * but the token is sent, for an endpoint that takes the token alone (Google's, Strava's).
   */
  client?: EndpointClient | undefined;
  upstreamFetch: UpstreamFetch;
  timeoutMs: number;
  refusal: RefusalReader<'revoke'>;
  /** For an upstream that may refuse inside a 2xx answer: its reading of the body (UpstreamRequest's). */
  answerOf?: AnswerReader<'revoke'> | undefined;
}

/**
 * Revokes a token (RFC 7009 §2.1, or an upstream's own endpoint of that shape: one form POST of the
 * token), reported as `revoke`; resolves once the upstream accepted it.
 */
export async function revokeToken(request: RevocationRequest): Promise<void> {
  const auth = request.client ? clientAuthentication(request.client) : { headers: {}, form: {} };
  await callUpstream({
    operation: 'revoke',
    url: request.url,
    upstreamFetch: request.upstreamFetch,
    timeoutMs: request.timeoutMs,
    refusal: request.refusal,
    answerOf: request.answerOf,
    headers: auth.headers,
    form: { [request.tokenParameter ?? 'token']: request.token, ...auth.form },
  });
}

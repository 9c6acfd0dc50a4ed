import { clientAuthentication, type ClientCredentials } from './client_auth.js';
import type { UpstreamFetch } from '../plugin.js';
import { callUpstreamJson } from './http/call_upstream.js';
import { parseTokenResponse, type TokenResponse } from './token_response.js';

export interface TokenEndpointCall {
  url: string;
  credentials: ClientCredentials;
  upstreamFetch: UpstreamFetch;
  timeoutMs: number;
  /** grant_type and its parameters. */
  grant: { grant_type: 'authorization_code' | 'refresh_token' } & Record<string, string>;
}

/** POSTs one grant to the upstream's token endpoint with the client authentication its mode wants. */
export async function requestToken(call: TokenEndpointCall): Promise<TokenResponse> {
  const operation = call.grant.grant_type === 'refresh_token' ? 'refresh' : 'token';
  const auth = clientAuthentication(call.credentials);
  const { json } = await callUpstreamJson({
    operation,
    url: call.url,
    upstreamFetch: call.upstreamFetch,
    timeoutMs: call.timeoutMs,
    headers: auth.headers,
    form: { ...call.grant, ...auth.form },
  });
  return parseTokenResponse(call.credentials.api, operation, json);
}

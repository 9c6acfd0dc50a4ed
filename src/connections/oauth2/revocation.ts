import type { UpstreamFetch } from '../plugin.js';
import { callUpstream, type RefusalReader } from './call_upstream.js';
import { clientAuthentication, type EndpointClient } from './client_authentication.js';

export interface RevocationRequest {
  url: string;
  token: string;
  /** How the client proves itself here; absent for an endpoint that takes the token alone. */
  client?: EndpointClient | undefined;
  upstreamFetch: UpstreamFetch;
  timeoutMs: number;
  refusal: RefusalReader<'revoke'>;
}

/** Revokes a token (RFC 7009 §2.1), reported as `revoke`; resolves once the upstream accepted it. */
export async function revokeToken(request: RevocationRequest): Promise<void> {
  const auth = request.client ? clientAuthentication(request.client) : { headers: {}, form: {} };
  await callUpstream({
    operation: 'revoke',
    url: request.url,
    upstreamFetch: request.upstreamFetch,
    timeoutMs: request.timeoutMs,
    refusal: request.refusal,
    headers: auth.headers,
    form: { token: request.token, ...auth.form },
  });
}

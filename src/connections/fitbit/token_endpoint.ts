import type { TokenEndpoint } from '../oauth2/token_request.js';
import { endpointClient } from './client_auth.js';
import type { UpstreamContext } from './upstream_context.js';

/** The mode's token endpoint, as the shared OAuth 2.0 client's grants reach it: refusals read in Fitbit's and Google's shapes. */
export function tokenEndpoint(context: UpstreamContext): TokenEndpoint {
  return {
    url: context.endpoints.token,
    client: endpointClient(context.credentials),
    upstreamFetch: context.upstreamFetch,
    timeoutMs: context.timeoutMs,
    refusal: context.refusal,
  };
}

import type { EndpointClient } from '../oauth2/client_authentication.js';
import type { FitbitApi } from './api.js';

export interface ClientCredentials {
  api: FitbitApi;
  clientID: string;
  /** Absent for Fitbit Client apps (public clients). */
  clientSecret?: string | undefined;
}

/**
 * How each upstream wants the client to prove itself at the token and revoke endpoints.
 * Fitbit: Server apps send HTTP Basic with id and secret, Client apps only `client_id` in the body
 * (https://dev.fitbit.com/build/reference/web-api/authorization/oauth2-token/). Google: id and
 * secret in the body (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code).
 */
export function endpointClient(credentials: ClientCredentials): EndpointClient {
  const { api, clientID, clientSecret } = credentials;
  if (!clientSecret) return { method: 'none', clientID };
  return { method: api === 'fitbit-legacy' ? 'client_secret_basic' : 'client_secret_post', clientID, clientSecret };
}

import type { FitbitApi } from './api.js';

export interface ClientCredentials {
  api: FitbitApi;
  clientID: string;
  /** Absent for Fitbit Client apps (public clients). */
  clientSecret?: string | undefined;
}

export interface ClientAuthentication {
  headers: Record<string, string>;
  form: Record<string, string>;
}

/**
 * How each upstream wants the client to prove itself at the token and revoke endpoints.
 * Fitbit: Server apps send HTTP Basic with id and secret, Client apps only `client_id` in the body
 * (https://dev.fitbit.com/build/reference/web-api/authorization/oauth2-token/). Google: id and
 * secret in the body (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code).
 */
export function clientAuthentication(credentials: ClientCredentials): ClientAuthentication {
  const { api, clientID, clientSecret } = credentials;
  if (api === 'fitbit-legacy' && clientSecret) {
    // RFC 6749 §2.3.1: form-encode each part before joining; a no-op for Fitbit's alphanumeric ids.
    const basic = Buffer.from(`${encodeURIComponent(clientID)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    return { headers: { authorization: `Basic ${basic}` }, form: {} };
  }
  return { headers: {}, form: { client_id: clientID, ...(clientSecret && { client_secret: clientSecret }) } };
}

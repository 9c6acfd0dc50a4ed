/**
 * An OAuth client as the token and revoke endpoints know it, with the way it proves itself there
 * (RFC 6749 §2.3; the method names are RFC 7591's token_endpoint_auth_method values). Which method an
 * upstream wants is the plugin's to say; a client without a secret (a public client) has only `none`.
 */
export type EndpointClient =
  | { readonly method: 'client_secret_basic' | 'client_secret_post'; readonly clientID: string; readonly clientSecret: string }
  | { readonly method: 'none'; readonly clientID: string };

/** What a request to the token or revoke endpoint carries for it. */
export interface ClientAuthentication {
  headers: Record<string, string>;
  form: Record<string, string>;
}

export function clientAuthentication(client: EndpointClient): ClientAuthentication {
  if (client.method === 'client_secret_basic') {
    // RFC 6749 §2.3.1: encode each part before joining, so a colon in the id cannot split it.
    const basic = Buffer.from(`${encodeURIComponent(client.clientID)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
    return { headers: { authorization: `Basic ${basic}` }, form: {} };
  }
  // A public client names itself in the body (RFC 6749 §3.2.1); client_secret_post adds the secret (§2.3.1).
  return { headers: {}, form: { client_id: client.clientID, ...(client.method === 'client_secret_post' && { client_secret: client.clientSecret }) } };
}

import { InvalidClientError, InvalidRequestError } from '../../errors/index.js';
import type { TokenEndpointAuthMethod } from '../../domain/types.js';

/** What a request to /oauth/token or /oauth/revoke presents to identify its client. */
export interface PresentedClientCredentials {
  method: TokenEndpointAuthMethod;
  clientId: string;
  clientSecret?: string;
}

/**
 * Reads the client's credentials from the Authorization header (client_secret_basic), the body
 * (client_secret_post), or a bare client_id (none: a public client, which proves itself with PKCE).
 * RFC 6749 §2.3 forbids using more than one method in a request.
 */
export function readClientCredentials(
  authorization: string | undefined,
  params: Readonly<Record<string, string>>,
): PresentedClientCredentials {
  const basic = authorization !== undefined && /^basic /i.test(authorization);
  if (basic) {
    if (params.client_secret !== undefined) {
      throw new InvalidRequestError('use one client authentication method: HTTP Basic or client_secret in the body, not both');
    }
    const credentials = parseBasicCredentials(authorization);
    if (params.client_id !== undefined && params.client_id !== credentials.clientId) {
      throw new InvalidRequestError('client_id in the body does not match the one in the Authorization header');
    }
    return { method: 'client_secret_basic', ...credentials };
  }
  if (params.client_id === undefined) {
    throw new InvalidClientError('client authentication is required (HTTP Basic, or client_id and client_secret in the body)');
  }
  if (params.client_secret !== undefined) {
    return { method: 'client_secret_post', clientId: params.client_id, clientSecret: params.client_secret };
  }
  return { method: 'none', clientId: params.client_id };
}

/**
 * RFC 6749 §2.3.1: the id and secret are form-urlencoded before being joined with ":" and
 * base64-encoded, so each is decoded again after the split (a secret may contain ":").
 */
function parseBasicCredentials(authorization: string): { clientId: string; clientSecret: string } {
  const decoded = Buffer.from(authorization.slice('basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw basicFailure('the Authorization header is not valid HTTP Basic credentials');
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw basicFailure('the HTTP Basic credentials are not correctly form-encoded');
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** RFC 6749 §5.2: a failed Basic authentication answers 401 with a challenge for the same scheme. */
export function basicFailure(description: string): InvalidClientError {
  return new InvalidClientError(description).withHeader('WWW-Authenticate', 'Basic realm="fitgate", charset="UTF-8"');
}

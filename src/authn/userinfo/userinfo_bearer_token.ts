import type { Request } from 'express';
import { InvalidRequestError } from '../../errors/index.js';

/** Where /userinfo takes its token, for the error that finds none. */
export const BEARER_TOKEN_PLACES =
  'send it in the Authorization header ("Bearer <access token>"), as access_token in a form-encoded POST body, ' +
  'or as the access_token query parameter';

/**
 * The bearer token of a /userinfo request, per RFC 6750 §2: in the Authorization header, as
 * `access_token` in a form-encoded POST body, or as the `access_token` query parameter (§2.3). Auth0
 * accepts the query too, and passport-auth0 sends it there by default; request logs redact it
 * (logging/redact_url.ts). Sending it more than one way is refused (§2: "MUST NOT use more than one method").
 */
export function readBearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const fromHeader = header === undefined ? undefined : parseBearerHeader(header);
  const body: unknown = req.body;
  const fromBody =
    req.method === 'POST' && req.is('application/x-www-form-urlencoded') && typeof body === 'object' && body !== null
      ? onlyOnce((body as Record<string, unknown>).access_token)
      : undefined;
  const fromQuery = onlyOnce((req.query as Record<string, unknown>).access_token);

  const sent = [fromHeader, fromBody, fromQuery].filter((token) => token !== undefined);
  if (sent.length > 1) {
    throw new InvalidRequestError('send the access token one way only: the Authorization header, the body or the query');
  }
  return sent[0] || undefined;
}

function onlyOnce(value: unknown): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw new InvalidRequestError('access_token must be sent once');
  return value;
}

function parseBearerHeader(header: string): string {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match?.[1]) throw new InvalidRequestError('the Authorization header must be "Bearer <access token>"');
  return match[1];
}

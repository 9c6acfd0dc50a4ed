import type { Request } from 'express';
import { InvalidRequestError } from '../errors/index.js';

/**
 * The bearer token of a /userinfo request, per RFC 6750 §2: in the Authorization header, or as
 * `access_token` in a form-encoded POST body (never the query string, where it would end up in logs).
 * Sending it both ways is refused (§2: "MUST NOT use more than one method").
 */
export function readBearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const fromHeader = header === undefined ? undefined : parseBearerHeader(header);
  const body: unknown = req.body;
  const fromBody =
    req.method === 'POST' && req.is('application/x-www-form-urlencoded') && typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>).access_token
      : undefined;

  if (fromBody !== undefined && typeof fromBody !== 'string') {
    throw new InvalidRequestError('access_token must be sent once');
  }
  if (fromHeader !== undefined && fromBody !== undefined) {
    throw new InvalidRequestError('send the access token in the Authorization header or the body, not both');
  }
  return fromHeader ?? (fromBody || undefined);
}

function parseBearerHeader(header: string): string {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match?.[1]) throw new InvalidRequestError('the Authorization header must be "Bearer <access token>"');
  return match[1];
}

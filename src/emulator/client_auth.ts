import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { UpstreamError } from './errors.js';
import { stringParam } from './params.js';
import type { EmulatorState } from './state.js';
import type { RegisteredApp } from './types.js';

interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
}

/** `Authorization: Basic base64(id:secret)` (RFC 6749 §2.3.1: both halves form-urlencoded). */
function readBasic(req: Request): Credentials | 'malformed' | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match?.[1]) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return 'malformed';
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return 'malformed';
  }
}

function secretMatches(app: RegisteredApp, secret: string | undefined): boolean {
  if (app.clientSecret === undefined || secret === undefined) return false;
  const a = Buffer.from(app.clientSecret);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Fitbit: server and personal apps must send HTTP Basic; client apps send `client_id` in the body
 * and no secret. Errors are 401 invalid_client in Fitbit's shape.
 */
export function authenticateLegacyClient(state: EmulatorState, req: Request): RegisteredApp {
  const basic = readBasic(req);
  if (basic === 'malformed') throw new UpstreamError(401, 'invalid_client', 'Invalid authorization header format.');
  if (basic) {
    const app = state.apps.get(basic.clientId);
    if (!app || app.api !== 'fitbit-legacy' || !secretMatches(app, basic.clientSecret)) {
      throw new UpstreamError(401, 'invalid_client', 'Invalid authorization header. Client id and/or client secret is invalid.');
    }
    return app;
  }
  const clientId = stringParam(req.body, 'client_id');
  if (!clientId) {
    throw new UpstreamError(
      401,
      'invalid_client',
      'Invalid authorization header format. Server apps send HTTP Basic credentials; client apps send client_id.',
    );
  }
  const app = state.apps.get(clientId);
  if (!app || app.api !== 'fitbit-legacy') throw new UpstreamError(401, 'invalid_client', `Invalid client_id: ${clientId}`);
  if (app.type !== 'client') {
    throw new UpstreamError(401, 'invalid_client', 'Invalid authorization header format. This app type must authenticate with HTTP Basic.');
  }
  return app;
}

/**
 * Google: `client_id` and `client_secret` in the body or HTTP Basic. Confidential (server) clients
 * must prove the secret; public (client) clients rely on PKCE. Errors in RFC 6749 §5.2 shape.
 */
export function authenticateGoogleClient(state: EmulatorState, req: Request): RegisteredApp {
  const basic = readBasic(req);
  if (basic === 'malformed') throw new UpstreamError(401, 'invalid_client', 'Unauthorized');
  const credentials = basic ?? { clientId: stringParam(req.body, 'client_id'), clientSecret: stringParam(req.body, 'client_secret') };
  if (!credentials.clientId) throw new UpstreamError(400, 'invalid_request', 'Could not determine client ID from request.');
  const app = state.apps.get(credentials.clientId);
  if (!app || app.api !== 'google-health') throw new UpstreamError(401, 'invalid_client', 'The OAuth client was not found.');
  if (credentials.clientSecret === undefined) {
    if (app.type === 'client') return app;
    throw new UpstreamError(400, 'invalid_request', 'client_secret is missing.');
  }
  if (!secretMatches(app, credentials.clientSecret)) throw new UpstreamError(401, 'invalid_client', 'Unauthorized');
  return app;
}

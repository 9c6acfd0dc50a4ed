import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import { originProblem } from '../../domain/application_urls.js';
import type { Client } from '../../domain/types.js';
import { readClientCredentials } from '../client_auth/client_credentials.js';
import { readRequestParams } from './request_params.js';

/** What this file reads of the app's dependencies. */
type ClientOriginCorsDeps = Pick<AppDeps, 'store'>;

/**
 * CORS for /oauth/token and /oauth/revoke, as Auth0 answers it: a browser app may read the answer
 * only from one of its own origins, those listed in the client's Allowed Web Origins (web_origins) or
 * Allowed Origins (CORS) (allowed_origins). An unlisted origin gets the same answer without
 * Access-Control-Allow-Origin, so the browser keeps it from the page; programs, which send no Origin,
 * see no difference. This is not what keeps tokens safe (the client's secret, the PKCE verifier or the
 * refresh token do that); it makes an app that forgot to list its origin fail here as it would at
 * Auth0, and keeps other sites' scripts from reading answers made for a client that never allowed them.
 *
 * The preflight (OPTIONS) carries no body, so it cannot name the client: it is answered for any
 * origin, and the decision is made on the POST's answer. The client is the one the request names
 * (Basic credentials or client_id), looked up but not authenticated here: a listed origin should read
 * its own errors too (spa-js falls back to a login on invalid_grant). This runs before the rate
 * limits so that a listed origin can read a 429; its lookup goes through the in-process client cache.
 * Credentials (cookies) are never allowed: nothing here reads one.
 */
export function clientOriginCors(deps: ClientOriginCorsDeps, methods: readonly string[]): RequestHandler {
  const allowMethods = [...methods, 'OPTIONS'].join(', ');
  return (req: Request, res: Response, next: NextFunction) => {
    // Whether the answer may be read depends on the Origin, so no cache may reuse it for another one.
    res.vary('Origin');
    const origin = requestOrigin(req);
    if (req.method === 'OPTIONS') {
      if (origin) res.set('Access-Control-Allow-Origin', origin);
      res.set({
        'Access-Control-Allow-Methods': allowMethods,
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Auth0-Client',
        'Access-Control-Max-Age': '600',
      });
      res.status(204).end();
      return;
    }
    if (!origin) return next();
    namedClient(deps, req).then(
      (client) => {
        if (client && listsOrigin(client, origin)) res.set('Access-Control-Allow-Origin', origin);
        next();
      },
      // The endpoint reads the same client next and answers a store failure itself; this answer
      // just stays unreadable cross-origin.
      () => next(),
    );
  };
}

/**
 * The request's Origin when it is a web origin (scheme://host[:port]), as browsers send it; "null"
 * (sandboxed frames, file: pages) and anything malformed count as no origin and are never echoed.
 */
function requestOrigin(req: Request): string | undefined {
  const origin = req.headers.origin;
  if (!origin || !URL.canParse(origin)) return undefined;
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin === origin ? origin : undefined;
}

/** The client the request names, if it can be read and exists in this tenant. */
async function namedClient(deps: ClientOriginCorsDeps, req: Request): Promise<Client | undefined> {
  let clientId: string;
  try {
    clientId = readClientCredentials(req.headers.authorization, readRequestParams(req.body)).clientId;
  } catch {
    // A malformed request: the endpoint refuses it with the proper error, readable by no other origin.
    return undefined;
  }
  return deps.store.clients.get(req.context.tenant.name, clientId);
}

/**
 * Whether the client lists the origin in either field. Origins are compared exactly, as for
 * web_message; a stored value that breaks today's URL rule (stored before the rule) is not honoured.
 */
export function listsOrigin(client: Client, origin: string): boolean {
  return [...(client.webOrigins ?? []), ...(client.allowedOrigins ?? [])].some(
    (listed) => originProblem(listed) === undefined && new URL(listed).origin === origin,
  );
}

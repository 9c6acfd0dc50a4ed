import { Agent, type IncomingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config/index.js';
import type { TenantRepository } from '../domain/ports.js';
import { TemporarilyUnavailableError } from '../errors/index.js';
import { resolveTenant } from '../http/resolve_tenant.js';
import { callbackUrlOf } from '../domain/tenants.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from '../upstream/resolve_upstream.js';
import type { SandboxAccess } from '../sandbox/sandbox.js';
import { SANDBOX_PATH } from '../upstream/sandbox_upstream.js';
import { sendResendingOnStaleSocket } from './resend_on_stale_socket.js';
import type { WorkerLink } from './worker.js';

/** Headers of one connection, not of the message: never passed through a proxy (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** The emulator's forms are parsed with Express's default limit; a larger body could only be refused there. */
const BODY_LIMIT = '100kb';

const NOT_ANSWERING = 'The sandbox emulator is not answering; try again in a moment.';

/**
 * A worker's sandbox: the emulator runs once, in the primary, so the codes, tokens and consent of a
 * sandbox login are in one place whichever workers its requests land on. The browser's requests on
 * the tenant's host are passed through to it as they are (same path, so its pages and forms keep
 * their /_sandbox links); fitgate's back channel calls it directly over loopback.
 *
 * Redirect URIs: the in-process sandbox registers a tenant's callback when a login starts, but that
 * worker may not be the one the browser reaches next. So the worker that passes a browser request
 * on first registers the callback of the tenant whose host it came to (the only URL a sandbox login
 * there may return to), and waits for the primary to confirm.
 *
 * An emulator silent for `silenceLimitMs` (the primary stuck) gets the browser a 503, as a real
 * upstream silent for as long gets a login an error: a bounded wait, never a hang.
 *
 * The tenant is found as for every other path, with the store's lost-data check (Store.lostData):
 * on a store that lost fitgate's data a /_sandbox page answers 503 with the cause, not 404.
 */
export function proxiedSandbox(
  config: Pick<Config, 'publicUrl' | 'baseHost'>,
  store: { readonly tenants: TenantRepository; lostData?(): Promise<string | undefined> },
  link: Pick<WorkerLink, 'sandbox' | 'allowSandboxCallback'>,
  silenceLimitMs = DEFAULT_UPSTREAM_TIMEOUT_MS,
): SandboxAccess {
  const emulator = link.sandbox;
  if (!emulator) throw new Error('the primary runs no sandbox emulator');
  const target = new URL(emulator.url);
  const agent = new Agent({ keepAlive: true });
  const findTenant = resolveTenant(config, store.tenants, store.lostData?.bind(store));
  const allowed = new Map<string, Promise<void>>();

  function allow(callbackUrl: string): Promise<void> {
    let registered = allowed.get(callbackUrl);
    if (!registered) {
      registered = link.allowSandboxCallback(callbackUrl);
      allowed.set(callbackUrl, registered);
      registered.catch(() => allowed.delete(callbackUrl));
    }
    return registered;
  }

  // A body is read in full before it is passed on, so that a request whose kept-alive socket the
  // emulator closed under it can be sent again (resend_on_stale_socket.ts). It goes on decoded.
  const readBody = express.raw({ type: () => true, limit: BODY_LIMIT });

  function forward(req: Request, res: Response, next: NextFunction): void {
    const body = Buffer.isBuffer(req.body) ? req.body : undefined;
    const headers = endToEnd(req.headers);
    if (body) {
      delete headers['content-encoding'];
      headers['content-length'] = String(body.length);
    }
    const sending = { host: target.hostname, port: target.port, method: req.method, path: req.originalUrl, headers, agent };
    sendResendingOnStaleSocket(sending, silenceLimitMs, body).then(
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        // An answer cut short cuts the browser's response short too (pipeline destroys both).
        pipeline(answer, res, () => undefined);
      },
      (error: unknown) => next(new TemporarilyUnavailableError(NOT_ANSWERING, { cause: error })),
    );
  }

  const app: RequestHandler = (req, res, next) => {
    findTenant(req, res, (error?: unknown) => {
      if (error) return next(error);
      allow(callbackUrlOf(req.context.tenantUrl)).then(
        () => readBody(req, res, (bodyError?: unknown) => (bodyError ? next(bodyError) : forward(req, res, next))),
        (error: unknown) => next(new TemporarilyUnavailableError(NOT_ANSWERING, { cause: error })),
      );
    });
  };

  // No callback to register here: the browser's first request through `app` registers its tenant's (allow, above).
  const played = (strategy: string, api: string) => emulator.credentials.find((app) => app.strategy === strategy && app.api === api);
  return {
    app,
    checksTenant: true,
    plays: (strategy, api) => played(strategy, api) !== undefined,
    credentialsFor(strategy, api) {
      const app = played(strategy, api);
      return app && { clientID: app.clientID, clientSecret: app.clientSecret };
    },
    backChannelUrl: () => `${emulator.url}${SANDBOX_PATH}`,
  };
}

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

import { createServer, IncomingMessage, ServerResponse, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Express } from 'express';
import { answerPlainHttp } from './plain_http_on_https.js';

/** The certificate (PEM, with any intermediates) and private key to serve https with. */
export interface ServerTls {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * An HTTP server for an Express app whose requests and responses are born with the app's
 * prototypes (`app.request`, `app.response`).
 *
 * Express gives each request and response its own prototype on arrival (Object.setPrototypeOf).
 * V8 answers a prototype change by moving the object to a map of its own, so every later property
 * access on req and res, in Node's HTTP code, in Express and in each middleware, misses its inline
 * cache and takes the slow megamorphic lookup. Measured on this project's bench machine: an empty
 * Express route cost 130 µs of CPU per request, 45 µs with this server. Express still makes its
 * call, with the prototype the object already has, which V8 treats as no change.
 *
 * Node defines IncomingMessage and ServerResponse as plain constructor functions, so they are
 * applied to the new object as a subclass's constructor would (Reflect.construct with a new.target
 * measured slower than no change at all). test/unit/http/express_server.test.ts fails the day Node
 * makes them classes.
 *
 * With `tls`, the same server over https: node:https takes the same options (the prototypes and
 * every timeout) and is an http.Server for whoever closes or counts its connections. A plain http
 * request to it is answered with the https URL to use (plain_http_on_https.ts).
 */
export function createExpressServer(app: Express, listener: RequestListener = app, tls?: ServerTls): Server {
  function AppRequest(this: IncomingMessage, ...args: unknown[]): void {
    (IncomingMessage as unknown as (...args: unknown[]) => void).apply(this, args);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, ...args: unknown[]): void {
    (ServerResponse as unknown as (...args: unknown[]) => void).apply(this, args);
  }
  AppResponse.prototype = app.response;
  const options = { IncomingMessage: AppRequest as unknown as typeof IncomingMessage, ServerResponse: AppResponse as unknown as typeof ServerResponse };
  if (!tls) return createServer(options, listener);
  const server = createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, listener);
  answerPlainHttp(server);
  return server;
}

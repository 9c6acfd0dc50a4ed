import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { calledAddressProblem, connectPort, type CalledUrlReach } from '../../domain/called_url_reach.js';

/** How a receiver answered: accepted (2xx), or why not, in words safe to log (no token, no URL path). */
export type PostOutcome = { ok: true } | { ok: false; reason: string; refused?: true };

/** The resolver, as node:dns's lookup takes it: the system's, or a test's. */
export type Resolver = (hostname: string, options: LookupOptions & { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export interface PostOptions {
  /** Where the URL may lead (calledUrlReach): checked on the address the host resolves to, at connect. */
  reach: CalledUrlReach;
  /** The longest the receiver may take to answer, connection included. */
  timeoutMs: number;
  resolver?: Resolver;
}

/**
 * POSTs the logout token as §2.5 says (a form body, `logout_token`). A redirect is not followed: the
 * token is for the URL the client registered alone. Any answer but 2xx is a refusal (§2.8 asks for
 * 200; some frameworks answer 204).
 *
 * The host is resolved by a lookup of this request's own (node:http's `lookup`), which refuses an
 * address `reach` does not take: a name registered in public DNS that points at 127.0.0.1 or 10.x is
 * refused like the address itself, and since the address checked is the one connected to, a name that
 * answers differently the second time (DNS rebinding) gains nothing. Each token goes on a connection of
 * its own (no agent), so no socket opened without that check is reused. Such a refusal comes back with
 * `refused`, and nothing is sent.
 */
export function postLogoutToken(url: string, token: string, options: PostOptions): Promise<PostOutcome> {
  const target = new URL(url);
  const port = connectPort(target);
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  // An IP literal is connected to without a lookup.
  const literalProblem = calledAddressProblem(literal, port, options.reach, target.hostname);
  if (literalProblem) return Promise.resolve({ ok: false, reason: literalProblem, refused: true });
  const body = new URLSearchParams({ logout_token: token }).toString();
  return new Promise((resolve) => {
    let refusal: string | undefined;
    const lookup = guardedLookup(options.resolver ?? (systemLookup as Resolver), (address, name) => {
      refusal = calledAddressProblem(address, port, options.reach, `${name} (resolved to ${address})`);
      return refusal;
    });
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request: ClientRequest = send(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
      agent: false,
      lookup,
    });
    const timer = setTimeout(() => request.destroy(new TimedOut()), options.timeoutMs);
    request.once('close', () => clearTimeout(timer));
    request.once('response', (response: IncomingMessage) => {
      // Only the status matters; the body is read and dropped so the connection ends. A body cut short
      // (the bound below) is no failure of the answer already given.
      response.on('error', () => undefined);
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, reason: `answered ${status}` });
    });
    // `on`, not `once`: a request destroyed after its answer may report a second error.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (refusal) resolve({ ok: false, reason: refusal, refused: true });
      else if (error instanceof TimedOut) resolve({ ok: false, reason: `no answer within ${options.timeoutMs} ms` });
      else resolve({ ok: false, reason: `the request failed (${error.code ?? error.message})` });
    });
    request.end(body);
  });
}

class TimedOut extends Error {}

/**
 * A lookup that resolves every address of the name and fails when `problemOf` names a problem with
 * any of them: one refused answer among several is enough, since the connection may try each.
 */
function guardedLookup(resolver: Resolver, problemOf: (address: string, name: string) => string | undefined): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find(({ address }) => problemOf(address, hostname) !== undefined);
      if (refused) return callback(Object.assign(new Error(`${hostname} resolved to ${refused.address}, which fitgate may not call`), { code: 'EREFUSEDADDRESS' }), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} resolved to no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

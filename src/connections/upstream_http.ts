import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { sendResendingOnce, watchForStaleSocket } from './stale_socket_resend.js';

/**
 * One HTTP exchange over node:http with pooled keep-alive connections: the transport under the
 * host's HTTP port (upstream_fetch.ts) and TRY's authorize check. A login makes two or three
 * upstream calls, and global fetch (undici behind WHATWG streams, headers and abort signals) costs
 * about five times the CPU of node:http for the same small JSON exchange (bench/README.md), so
 * fitgate speaks node:http directly. It imports nothing but Node's own modules and its resend rule
 * (stale_socket_resend.ts), so that a plugin published on its own carries both along with plugin.ts.
 */

export interface HttpExchange {
  url: string;
  method: string;
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  /** Bound on the whole exchange, from the request to the end of the body. */
  timeoutMs: number;
  /**
   * Bound on the body, in bytes (DEFAULT_MAX_BODY_BYTES when absent). Past it, as a Content-Length
   * announces it or as the bytes arrive, the connection is destroyed, the rest unread, and the
   * exchange rejects with HttpBodyTooLargeError (with `keepBodyStart`, resolves with the first
   * maxBodyBytes bytes instead).
   */
  maxBodyBytes?: number | undefined;
  /** Past maxBodyBytes, answer the body's start rather than fail: for a page read for its first words. */
  keepBodyStart?: boolean | undefined;
}

export interface HttpAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

/** The exchange did not end within its bound. */
export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * A body the port takes whole unless told otherwise: far above any token, profile or JWKS answer
 * (a few kB), far below what would hurt a worker, so that a broken or hostile upstream (or whatever
 * answers at a configured URL) cannot make fitgate buffer without end.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The answer's body is larger than the exchange's maxBodyBytes: an answer came, but none to use. */
export class HttpBodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  /** The answer's HTTP status. */
  readonly status: number;
  readonly maxBodyBytes: number;

  constructor(status: number, maxBodyBytes: number) {
    super(`the answer's body (HTTP ${status}) is larger than ${maxBodyBytes} bytes`);
    this.status = status;
    this.maxBodyBytes = maxBodyBytes;
  }
}

/**
 * Idle connections are closed after this long: well below the shortest idle timeout servers
 * commonly keep (5 s: Node, so the emulator, and Apache; load balancers and Google keep a minute or
 * more), and Node's agent goes lower still for a server announcing `Keep-Alive: timeout=N` (N - 1
 * s). A request sent on a connection the server is closing at that moment fails, and a POST that
 * reached the kernel is not sent again (stale_socket_resend.ts), so this keeps that moment rare; a
 * login's calls, milliseconds apart, still share their connection.
 */
const IDLE_SOCKET_MS = 2_000;

const agents = {
  'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

/**
 * Sends the request and reads the whole body. Never follows a redirect: a 3xx is the answer.
 * Rejects with HttpTimeoutError past the bound, with HttpBodyTooLargeError past maxBodyBytes, and
 * with the socket's error (its `code`: ECONNREFUSED, ECONNRESET, ENOTFOUND) when no answer came. A
 * request that fails on a reused connection before any answer is sent once more on a new one, when
 * a second copy cannot do what the first did (mayResend, in stale_socket_resend.ts), within what is
 * left of the bound.
 */
export async function exchangeHttp(exchange: HttpExchange): Promise<HttpAnswer> {
  const deadline = Date.now() + exchange.timeoutMs;
  return sendResendingOnce((connection) => sendOnce(exchange, connection === 'pooled' ? exchange.timeoutMs : Math.max(0, deadline - Date.now()), connection));
}

function sendOnce(exchange: HttpExchange, timeoutMs: number, connection: 'pooled' | 'own'): Promise<HttpAnswer> {
  const url = new URL(exchange.url);
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  const send = protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = exchange.body === undefined ? exchange.headers : { ...exchange.headers, 'content-length': String(Buffer.byteLength(exchange.body)) };
  const limit = exchange.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const keepStart = exchange.keepBodyStart === true;

  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = send(url, { method: exchange.method, headers, agent: connection === 'pooled' ? agents[protocol] : false });
    const passOn = watchForStaleSocket(request);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: Error): void => settle(() => reject(passOn(error)));
    const timer = setTimeout(() => {
      fail(new HttpTimeoutError(`no answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      response.on('error', fail);
      const status = response.statusCode ?? 0;
      if (!keepStart && announcedLength(response, exchange.method) > limit) {
        fail(new HttpBodyTooLargeError(status, limit));
        response.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (received <= limit) {
          chunks.push(chunk);
          return;
        }
        if (keepStart) {
          chunks.push(chunk);
          settle(() => resolve(answerOf(response, Buffer.concat(chunks).subarray(0, limit))));
        } else {
          fail(new HttpBodyTooLargeError(status, limit));
        }
        response.destroy();
      });
      response.on('aborted', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
      response.on('end', () => settle(() => resolve(answerOf(response, Buffer.concat(chunks)))));
    });
    request.end(exchange.body);
  });
}

/**
 * The body's length as the answer announces it, 0 when it does not or when no body follows (an
 * answer to HEAD, a 204, a 304: their Content-Length describes a body not sent).
 */
function announcedLength(response: IncomingMessage, method: string): number {
  const status = response.statusCode;
  if (method.toUpperCase() === 'HEAD' || status === 204 || status === 304) return 0;
  const length = Number(response.headers['content-length']);
  return Number.isFinite(length) ? length : 0;
}

function answerOf(response: IncomingMessage, body: Buffer): HttpAnswer {
  return { status: response.statusCode ?? 0, headers: flatten(response.headers), body: body.toString('utf8') };
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

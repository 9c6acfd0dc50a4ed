import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * One HTTP exchange over node:http with pooled keep-alive connections: the transport under the
 * host's HTTP port (upstream_fetch.ts) and TRY's authorize check. A login makes two or three
 * upstream calls, and global fetch (undici behind WHATWG streams, headers and abort signals) costs
 * about five times the CPU of node:http for the same small JSON exchange (bench/README.md), so
 * fitgate speaks node:http directly. It imports nothing but Node's own modules, so that a plugin
 * published on its own carries it along with plugin.ts.
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
 * reached the kernel is not sent again (see resendable), so this keeps that moment rare; a login's
 * calls, milliseconds apart, still share their connection.
 */
const IDLE_SOCKET_MS = 2_000;

const agents = {
  'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

/** Errors of a connection that died under the request: reset by the server, or written to after it closed. */
const DEAD_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

/** Methods that change nothing upstream (RFC 9110 §9.2.1), so a second copy is harmless whatever the first did. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * Sends the request and reads the whole body. Never follows a redirect: a 3xx is the answer.
 * Rejects with HttpTimeoutError past the bound, with HttpBodyTooLargeError past maxBodyBytes, and
 * with the socket's error (its `code`: ECONNREFUSED, ECONNRESET, ENOTFOUND) when no answer came. A
 * request that fails on a reused connection before any answer is sent once more on a new one, when
 * a second copy cannot do what the first did (resendable).
 */
export async function exchangeHttp(exchange: HttpExchange): Promise<HttpAnswer> {
  const deadline = Date.now() + exchange.timeoutMs;
  try {
    return await sendOnce(exchange, exchange.timeoutMs);
  } catch (error) {
    if (!(error instanceof StaleConnectionError)) throw error;
    return sendOnce(exchange, Math.max(0, deadline - Date.now()));
  }
}

class StaleConnectionError extends Error {}

/**
 * Whether a request that died on a reused connection before any answer may be sent again. The
 * connection may have been one the server was closing as idle (it never read the request), or the
 * server may have read the request, acted on it, and lost the connection before answering: the
 * client cannot tell these apart. A second GET or HEAD is harmless either way. A second POST is not:
 * a code exchange or refresh the upstream already carried out would be spent again (a code is
 * single use, and a rotating refresh token is gone once used), and the user's stored upstream tokens
 * lost with it. So any other method goes again only when its request never wholly reached the
 * operating system: its ClientRequest emitted no 'finish' (Node emits it once the socket has written
 * the last byte out; after a failed write it may emit it too, which errs towards not resending). The
 * server then got at most part of the body, and acts on no incomplete request. A POST that was
 * flushed fails, and its caller reports the upstream unreachable; a short idle timeout
 * (IDLE_SOCKET_MS) keeps that rare. The workers' proxy to the sandbox emulator
 * (cluster/resend_on_stale_socket.ts) resends by the same rule.
 */
export function resendable(method: string, flushed: boolean): boolean {
  return SAFE_METHODS.has(method.toUpperCase()) || !flushed;
}

function sendOnce(exchange: HttpExchange, timeoutMs: number): Promise<HttpAnswer> {
  const url = new URL(exchange.url);
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  const send = protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = exchange.body === undefined ? exchange.headers : { ...exchange.headers, 'content-length': String(Buffer.byteLength(exchange.body)) };
  const limit = exchange.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const keepStart = exchange.keepBodyStart === true;

  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = send(url, { method: exchange.method, headers, agent: agents[protocol] });
    let answered = false;
    let flushed = false;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: Error): void =>
      settle(() => {
        const code = (error as NodeJS.ErrnoException).code;
        const stale = !answered && request.reusedSocket && code !== undefined && DEAD_CONNECTION_CODES.has(code) && resendable(exchange.method, flushed);
        reject(stale ? new StaleConnectionError(error.message, { cause: error }) : error);
      });
    const timer = setTimeout(() => {
      fail(new HttpTimeoutError(`no answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    request.on('finish', () => (flushed = true));
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      answered = true;
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

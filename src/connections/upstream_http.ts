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
   * Keep at most this many bytes of the body: past it the answer resolves with them and the
   * connection is closed, the rest unread. Absent: the whole body.
   */
  maxBodyBytes?: number | undefined;
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
 * Idle connections are closed after this long, below the 5 s keep-alive of Node servers (the
 * emulator) and far below Google's, so a pooled connection is rarely one the server is closing.
 */
const IDLE_SOCKET_MS = 4_000;

const agents = {
  'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

/**
 * Sends the request and reads the whole body. Never follows a redirect: a 3xx is the answer.
 * Rejects with HttpTimeoutError past the bound, and with the socket's error (its `code`:
 * ECONNREFUSED, ECONNRESET, ENOTFOUND) when no answer came. A request that fails on a reused
 * connection the server had just closed is sent once more on a new one: the server never read it,
 * so it cannot have acted on it.
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

function sendOnce(exchange: HttpExchange, timeoutMs: number): Promise<HttpAnswer> {
  const url = new URL(exchange.url);
  const protocol = url.protocol === 'https:' ? 'https:' : 'http:';
  const send = protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = exchange.body === undefined ? exchange.headers : { ...exchange.headers, 'content-length': String(Buffer.byteLength(exchange.body)) };
  const limit = exchange.maxBodyBytes;

  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = send(url, { method: exchange.method, headers, agent: agents[protocol] });
    let answered = false;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: Error): void =>
      settle(() => {
        const stale = !answered && request.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET';
        reject(stale ? new StaleConnectionError(error.message, { cause: error }) : error);
      });
    const timer = setTimeout(() => {
      fail(new HttpTimeoutError(`no answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (limit === undefined || (received += chunk.length) <= limit) return;
        settle(() => resolve(answerOf(response, Buffer.concat(chunks).subarray(0, limit))));
        response.destroy();
      });
      response.on('error', fail);
      response.on('aborted', () => fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
      response.on('end', () => settle(() => resolve(answerOf(response, Buffer.concat(chunks)))));
    });
    request.end(exchange.body);
  });
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

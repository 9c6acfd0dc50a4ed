import type { ClientRequest } from 'node:http';

/**
 * When a request that failed on a kept-alive socket is sent once more, for both of fitgate's
 * keep-alive clients: the host's HTTP port to upstreams (upstream_http.ts) and the workers' proxy to
 * the sandbox emulator (cluster/resend_on_stale_socket.ts). It imports nothing but Node's types, so
 * that a plugin published on its own carries it along with upstream_http.ts.
 */

/**
 * A connection that died under the request: ECONNRESET (reset, or closed before any answer: Node's
 * "socket hang up"), EPIPE (written to after the server closed it). Any other failure says nothing
 * of a stale socket: a timeout is a server that may be working on the request, a parse error a
 * server that answered.
 */
const DEAD_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

/** Methods that change nothing on the server (RFC 9110 §9.2.1), so a second copy is harmless whatever the first did. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** What is known of a sending when it failed. */
export interface FailedSending {
  /** The request's method, as sent. */
  readonly method: string;
  /** The socket had carried an earlier request (ClientRequest.reusedSocket). */
  readonly reusedSocket: boolean;
  /** An answer had begun. */
  readonly answered: boolean;
  /** Node emitted 'finish': the whole request was handed to the operating system. */
  readonly flushed: boolean;
  readonly error: unknown;
}

/**
 * Whether a failed sending may go once more, on a new connection of its own.
 *
 * A server closes a kept-alive connection once it has been idle for its keep-alive timeout, and the
 * client's agent may hand that socket to a new request at the very moment the close is on its way:
 * the request then dies with the connection, before any answer, though the server is fine. Closing
 * idle sockets sooner on this side only narrows that window (the close and the choice of socket are
 * two events in two processes), so such a request is worth one more sending, on a connection nobody
 * can have closed before it carried a request. A failure on a fresh socket is no such race (nothing
 * listens, say), and one after an answer began is the server's: neither goes again.
 *
 * But the same failure is what a server that read the request, acted on it and lost the connection
 * before answering looks like, and the client cannot tell the two apart. A second GET or HEAD is
 * harmless either way. A second POST is not: a code exchange or a refresh the upstream already
 * carried out would spend the single-use code or the rotating refresh token again (and the user's
 * stored upstream tokens with it), a consent form would be decided twice. So any other method goes
 * again only when its request never wholly left this process (no 'finish'; after a failed write
 * Node may emit it too, which errs towards not resending): the server then got at most part of it,
 * and acts on no incomplete request. A POST that did leave fails, and its caller says the server
 * is not answering.
 */
export function mayResend(failed: FailedSending): boolean {
  const code = (failed.error as { code?: unknown } | null | undefined)?.code;
  const deadConnection = typeof code === 'string' && DEAD_CONNECTION_CODES.has(code);
  const harmlessAgain = SAFE_METHODS.has(failed.method.toUpperCase()) || !failed.flushed;
  return failed.reusedSocket && !failed.answered && deadConnection && harmlessAgain;
}

/** A first sending's failure that mayResend allows to go once more; its cause is the socket's error. */
export class StaleSocketError extends Error {}

/**
 * Follows `request` from its creation (before any listener of the caller's, so that an answer is
 * seen first) and gives back how to pass on its failures: as StaleSocketError when mayResend allows
 * one more sending, else unchanged.
 */
export function watchForStaleSocket(request: ClientRequest): (error: Error) => Error {
  let flushed = false;
  let answered = false;
  request.on('finish', () => (flushed = true));
  request.on('response', () => (answered = true));
  return (error) =>
    mayResend({ method: request.method, reusedSocket: request.reusedSocket, answered, flushed, error })
      ? new StaleSocketError(error.message, { cause: error })
      : error;
}

/**
 * Sends by `send` over the pooled connections, and once more on a connection of its own (`'own'`:
 * Node's `agent: false`) when that first sending failed as StaleSocketError. Any other failure, and
 * the second sending's, reaches the caller as it is.
 */
export async function sendResendingOnce<T>(send: (connection: 'pooled' | 'own') => Promise<T>): Promise<T> {
  try {
    return await send('pooled');
  } catch (failure) {
    if (!(failure instanceof StaleSocketError)) throw failure;
    return send('own');
  }
}

import { request, type Agent, type IncomingMessage, type RequestOptions } from 'node:http';
import { resendable } from '../connections/upstream_http.js';

/** The first sending failed on a kept-alive socket before any answer, and may go again (resendable). */
class StaleSocketError extends Error {}

/** The server said nothing for the caller's limit: it may be handling the request, so it is not sent again. */
export class SilentServerError extends Error {}

/**
 * Sends a request with its whole body over a keep-alive `agent`; resolves with the answer (its body
 * still to read) or rejects with why none came.
 *
 * A server closes an idle kept-alive connection when its keep-alive timeout runs out (Node's: the
 * 5 s it announces, plus 1 s). The agent may hand that socket to a new request at the very moment the
 * close is on its way: the request then fails with ECONNRESET or "socket hang up" before any byte
 * of an answer, though the server is fine. Dropping idle sockets sooner on this side only narrows
 * that window: the close and the choice of socket are two events in two processes, and a busy event
 * loop learns of the close late. So a request that fails on a reused socket before any answer may be
 * sent once more, on a new connection of its own, which nobody can have closed before it carried a
 * request. But the same failure is what a server that read the request, acted on it and lost the
 * connection before answering looks like, and a consent form or a code exchange carried out twice
 * is not the same as once. So the rule of the host's upstream port decides (resendable, in
 * connections/upstream_http.ts): a GET or HEAD goes again, any other method only when its request
 * never wholly left this process (Node emitted no 'finish'), so the server cannot have acted on it.
 * Its body is in hand for that second sending. A request that fails on a new connection (nothing
 * listens) is not sent again: the caller learns at once that the server is down.
 *
 * A server that stays silent for `silenceLimitMs` (no answer begun, or an answer's body stalled) is
 * cut off with SilentServerError, so that a stuck server costs the caller a bounded wait, not a hang.
 */
export function sendResendingOnStaleSocket(options: RequestOptions & { agent: Agent }, silenceLimitMs: number, body?: Buffer): Promise<IncomingMessage> {
  return send(options, silenceLimitMs, body).catch((failure: unknown) => {
    if (!(failure instanceof StaleSocketError)) throw failure;
    // agent: false is a connection of this request's own, never one from the pool.
    return send({ ...options, agent: false }, silenceLimitMs, body);
  });
}

function send(options: RequestOptions, silenceLimitMs: number, body: Buffer | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(options, resolve);
    let flushed = false;
    outgoing.on('finish', () => (flushed = true));
    outgoing.setTimeout(silenceLimitMs, () => outgoing.destroy(new SilentServerError(`no answer within ${silenceLimitMs} ms`)));
    // Once the answer has begun, a failure reaches its reader on the answer's stream instead.
    outgoing.on('error', (error) => {
      const stale = outgoing.reusedSocket && !(error instanceof SilentServerError) && resendable(options.method ?? 'GET', flushed);
      reject(stale ? new StaleSocketError(error.message, { cause: error }) : error);
    });
    outgoing.end(body);
  });
}

import { request, type Agent, type IncomingMessage, type RequestOptions } from 'node:http';
import { sendResendingOnce, watchForStaleSocket } from '../connections/stale_socket_resend.js';

/** The server said nothing for the caller's limit: it may be handling the request, so it is not sent again. */
export class SilentServerError extends Error {}

/**
 * Sends a request with its whole body over a keep-alive `agent`; resolves with the answer (its body
 * still to read) or rejects with why none came.
 *
 * The emulator closes an idle kept-alive connection when its keep-alive timeout runs out (Node's:
 * the 5 s it announces, plus 1 s), and the agent may hand that socket to a request at that very
 * moment. Such a request goes once more, on a new connection of its own, by the rule of the host's
 * upstream port (mayResend, in connections/stale_socket_resend.ts): a GET or HEAD, another method
 * (a consent form's POST) only when it never wholly left, since an emulator that read a form and
 * lost the connection before answering has already acted on it. Its body is in hand for that second
 * sending.
 *
 * A server that stays silent for `silenceLimitMs` (no answer begun, or an answer's body stalled) is
 * cut off with SilentServerError, so that a stuck server costs the caller a bounded wait, not a hang.
 */
export function sendResendingOnStaleSocket(options: RequestOptions & { agent: Agent }, silenceLimitMs: number, body?: Buffer): Promise<IncomingMessage> {
  return sendResendingOnce((connection) => send({ ...options, agent: connection === 'pooled' ? options.agent : false }, silenceLimitMs, body));
}

function send(options: RequestOptions, silenceLimitMs: number, body: Buffer | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(options, resolve);
    const passOn = watchForStaleSocket(outgoing);
    outgoing.setTimeout(silenceLimitMs, () => outgoing.destroy(new SilentServerError(`no answer within ${silenceLimitMs} ms`)));
    // Once the answer has begun, a failure reaches its reader on the answer's stream instead.
    outgoing.on('error', (error) => reject(passOn(error)));
    outgoing.end(body);
  });
}

import { ErrorReply } from 'redis';
import { findInChain } from '../store_unavailable.js';
import type { RedisClient } from './redis_client.js';

/**
 * Redis's replies when it refuses REDIS_URL's credentials, and what to tell the operator. They come
 * after a password or ACL change on a running Redis: as the error of each reconnection attempt
 * (WRONGPASS: the handshake's AUTH is refused), or as the reply to every command (NOAUTH: the URL
 * has no password, so the handshake sends none and "succeeds"; NOPERM: the user may not run them).
 * None of them passes by waiting, and none is the network's.
 */
const REFUSALS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^WRONGPASS\b/, "refused: Redis refuses REDIS_URL's credentials (WRONGPASS: the password was changed, or the user removed or disabled); put the current ones in REDIS_URL and restart fitgate"],
  [/^NOAUTH\b/, 'refused: Redis wants a password and REDIS_URL has none (NOAUTH); put it in REDIS_URL and restart fitgate'],
  [/^NOPERM\b/, "refused: Redis's ACL does not let REDIS_URL's user run fitgate's commands (NOPERM); allow them on fitgate's keys, or use another user"],
];

/** Redis's refusal of REDIS_URL's credentials under whatever wrapping, or undefined for any other error. */
export function credentialRefusal(error: unknown): ErrorReply | undefined {
  const reply = findInChain(error, ErrorReply);
  return reply && REFUSALS.some(([pattern]) => pattern.test(reply.message)) ? reply : undefined;
}

/** What /health/ready says when `error` is such a refusal; undefined for anything else. */
export function credentialRefusalReadiness(error: unknown): string | undefined {
  const reply = credentialRefusal(error);
  return reply && REFUSALS.find(([pattern]) => pattern.test(reply.message))?.[1];
}

/**
 * The refusal that keeps `client` offline, from its own events: node-redis reconnects by itself,
 * each attempt Redis refuses is only an 'error' event, and commands meanwhile fail with "The client
 * is offline", which says nothing of why. The latest attempt decides (a Redis that then stops
 * answering is "not answering" again); a connection that is ready clears it.
 */
export function watchReconnectRefusal(client: RedisClient): () => string | undefined {
  let refused: string | undefined;
  client.on('error', (error: unknown) => {
    refused = credentialRefusalReadiness(error);
  });
  client.on('ready', () => {
    refused = undefined;
  });
  return () => (client.isReady ? undefined : refused);
}

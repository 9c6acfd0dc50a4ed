import { createClient } from 'redis';
import { credentialRefusal } from './credential_refusal.js';
import type { RedisClient } from './redis_client.js';

/**
 * How long one command may wait for Redis's reply. A Redis that stopped answering (paused,
 * partitioned) costs a request about this long before it is answered 503, inside the 2 s every
 * request is owed. node-redis's own command timeout only covers commands not yet sent, so the
 * store enforces this one (guarded_client.ts) and then drops the connection (reconnectStalled).
 */
export const COMMAND_TIMEOUT_MS = 1500;
/** Longest pause between reconnection attempts: once Redis is back, fitgate serves within about this. */
export const MAX_RECONNECT_DELAY_MS = 1000;
/**
 * How long the first connection waits for Redis to answer at all. A paused or partitioned Redis
 * completes the TCP handshake (the kernel does) and then answers nothing: without a bound the start,
 * or a new cluster worker, would wait for ever, and never be retried.
 */
export const CONNECT_TIMEOUT_MS = 5000;

export interface ConnectRedisOptions {
  url: string;
  /** Told once when an established connection is lost (node-redis reconnects by itself meanwhile). */
  onError?: (error: Error) => void;
  /**
   * Told once per loss of a connection that served, whatever the loss was (dropped, refused its
   * credentials, or cut by reconnectStalled): never for each failed reconnection attempt after it.
   */
  onLost?: () => void;
  /**
   * Told once per outage when Redis refuses REDIS_URL's credentials (credential_refusal.ts): the
   * password or ACL changed while fitgate ran. The loss itself reads "Socket closed unexpectedly"
   * (Redis drops the connection), and the refused attempts after it would otherwise say nothing.
   */
  onRefused?: (error: Error) => void;
  /**
   * Told once when Redis serves again after a loss. `refused` when it had refused the credentials
   * meanwhile (onRefused was told): its end is what the operator waits for, whether REDIS_URL or
   * Redis's password was put right.
   */
  onReconnect?: (after: { refused: boolean }) => void;
}

/**
 * Connects to Redis, failing fast with an error naming REDIS_URL when the first connection does not
 * succeed. Once connected, a lost connection is retried with backoff (capped at
 * MAX_RECONNECT_DELAY_MS) and, meanwhile, commands fail at once instead of queueing
 * (disableOfflineQueue): node-redis would otherwise hold every request until Redis returned.
 * Callers turn these failures into 503s (see ../store_unavailable.ts).
 */
export async function connectRedis({ url, onError, onLost, onRefused, onReconnect }: ConnectRedisOptions): Promise<RedisClient> {
  let connected = false;
  let up = true;
  let refusalTold = false;
  const refused = (error: Error) => {
    if (refusalTold) return;
    refusalTold = true;
    onRefused?.(error);
  };
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // false before the first success makes connect() reject with the cause instead of retrying forever.
      reconnectStrategy: (retries) => (connected ? Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : false),
    },
  });
  // Every failed reconnection attempt emits an error; one line per outage is enough for the log,
  // and one more when Redis turns out to refuse the credentials (the first error is the socket's).
  client.on('error', (error: Error) => {
    if (!connected) return;
    const wasUp = up;
    up = false;
    if (wasUp) onLost?.();
    if (credentialRefusal(error)) return refused(error);
    if (wasUp) onError?.(error);
  });
  let askAgain: NodeJS.Timeout | undefined;
  /**
   * A Redis that now wants a password, reached by a URL without one, completes the handshake (no
   * AUTH is sent) and refuses every command (NOAUTH): one command tells it from a Redis that is back.
   * While it refuses, the connection stays up, so no event would say when the password is lifted on
   * Redis's side: the same command is asked again at the reconnection pace, and only then.
   */
  const confirmBack = () => {
    client.ping().then(
      () => {
        if (up) return;
        up = true;
        const after = { refused: refusalTold };
        refusalTold = false;
        onReconnect?.(after);
      },
      (error: unknown) => {
        if (!credentialRefusal(error)) return; // lost again: the next 'ready' asks
        refused(error as Error);
        askAgain ??= setTimeout(() => {
          askAgain = undefined;
          if (client.isReady && !up) confirmBack();
        }, MAX_RECONNECT_DELAY_MS).unref();
      },
    );
  };
  client.on('ready', () => {
    if (connected && !up) confirmBack();
  });
  client.on('end', () => {
    clearTimeout(askAgain);
    askAgain = undefined;
  });
  try {
    // A Redis that wants a password accepts the connection and refuses the first command (NOAUTH):
    // ask it here, so that refusal too is reported as REDIS_URL's.
    await answeredWithin(
      client.connect().then(() => client.ping()),
      CONNECT_TIMEOUT_MS,
    );
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`cannot connect to Redis at REDIS_URL (${withoutUrlPassword(url)}): ${(error as Error).message}`, { cause: error });
  }
  connected = true;
  return client;
}

/** The reply, or an ETIMEDOUT (a store unavailable for now, store_unavailable.ts) once `boundMs` passed without one. */
async function answeredWithin<T>(reply: Promise<T>, boundMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`it accepted the connection but answered nothing within ${boundMs} ms`), { code: 'ETIMEDOUT' })), boundMs);
  });
  try {
    return await Promise.race([reply, silence]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Drops a connection that is up but stopped answering, so the commands waiting on it fail now and
 * new ones fail at once (offline) until a fresh connection has finished its handshake, which a
 * paused Redis only answers once it runs again. Emitting the error logs the outage once.
 */
export function reconnectStalled(client: RedisClient, cause: Error): void {
  if (!client.isReady) return; // already reconnecting
  client.emit('error', cause);
  client.destroy();
  client.connect().catch(() => undefined); // failures are emitted as 'error' and retried by reconnectStrategy
}

/** The URL with its password hidden, for error messages and logs (its query is left as it is). */
export function withoutUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}

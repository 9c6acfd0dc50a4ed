import { StoreUnavailableError } from '../../errors/index.js';
import { asStoreUnavailable } from '../store_unavailable.js';
import { COMMAND_TIMEOUT_MS, reconnectStalled } from './connect_redis.js';
import { credentialRefusal } from './credential_refusal.js';
import type { RedisClient } from './redis_client.js';

/**
 * The client the repositories use: the same node-redis client, but
 * - a command that fails because Redis is down, paused or loading rejects with
 *   StoreUnavailableError (an AppError, 503), so code above the store that catches errors (a login
 *   callback redirecting to the application, an audit line) sees "temporarily unavailable", never a
 *   driver error it would report as a bug;
 * - a command without a reply after `replyTimeoutMs` rejects the same way, and the connection is
 *   dropped and reopened (node-redis would wait for a reply forever);
 * - a command Redis refuses for REDIS_URL's credentials (NOAUTH after a password was set on a
 *   running Redis, NOPERM after an ACL change) rejects the same way: the store cannot serve, which
 *   is a 503 for the caller and the operator's to fix (readiness and the log say how), not a bug's
 *   500. Only here, on the running client: at start-up the same refusal stops the start for good
 *   (start_failure.ts), since waiting does not fix it.
 *
 * Methods run on the real client (not the proxy), since node-redis keeps its state in private
 * fields; each wrapper is made once per method name.
 */
export function guardRedisClient(client: RedisClient, replyTimeoutMs = COMMAND_TIMEOUT_MS): RedisClient {
  const wrappers = new Map<PropertyKey, unknown>();
  const stalled = () => {
    const cause = new Error(`Redis did not answer within ${replyTimeoutMs} ms`);
    reconnectStalled(client, cause);
    return new StoreUnavailableError({ cause });
  };
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        const method = value as (...args: unknown[]) => unknown;
        wrapper = (...args: unknown[]): unknown => {
          const result = method.apply(target, args);
          if (result instanceof Promise) return withDeadline(result, replyTimeoutMs, stalled);
          if (property === 'multi') guardTransaction(result as Transaction, target, (pending) => withDeadline(pending, replyTimeoutMs, stalled));
          return result;
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

type Transaction = Record<'exec' | 'execAsPipeline', (...args: unknown[]) => Promise<unknown>>;

/**
 * MULTI (rate-limiter-flexible reads a limit with one) skips node-redis's offline check and its
 * command timeout, so a transaction would wait for a reconnection: it gets both here.
 */
function guardTransaction(transaction: Transaction, client: RedisClient, bound: (pending: Promise<unknown>) => Promise<unknown>): void {
  for (const name of ['exec', 'execAsPipeline'] as const) {
    const run = transaction[name].bind(transaction);
    transaction[name] = (...args: unknown[]) => {
      if (!client.isReady) return Promise.reject(new StoreUnavailableError({ cause: new Error('Redis is not connected') }));
      return bound(run(...args));
    };
  }
}

/**
 * The reply, or `missed()`'s error once the deadline passes. The check waits for setImmediate, after
 * pending I/O has run, so a reply that arrived while the event loop was busy still counts.
 */
function withDeadline<T>(pending: Promise<T>, timeoutMs: number, missed: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(missed());
      });
    }, timeoutMs);
    pending.then(
      (value) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(asStoreUnavailable(error) ?? refusedAsUnavailable(error) ?? error);
      },
    );
  });
}

function refusedAsUnavailable(error: unknown): StoreUnavailableError | undefined {
  return credentialRefusal(error) && new StoreUnavailableError({ cause: error });
}

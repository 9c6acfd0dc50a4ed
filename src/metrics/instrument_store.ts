import type { Store } from '../store/store.js';
import { storeServes } from '../store/store_readiness.js';
import type { StoreMetrics, StoreOperationRecorder } from './metrics.js';

/** The parts of the Store whose calls are operations worth timing. */
const REPOSITORIES = [
  'tenants',
  'clients',
  'connections',
  'users',
  'admins',
  'logs',
  'ephemeral',
  'locks',
  'counters',
] as const satisfies ReadonlyArray<keyof Store>;

/**
 * The same store with every repository call timed and every failure counted, by repository and
 * method ("users", "get"), and whether the store can serve watched at each scrape (as /health/ready asks). Wrapping happens here, once;
 * a call then costs two clock reads and one observation on a pre-bound series, no label lookup.
 * Everything else (kind, sessionStore(), rateLimiter(), close(), fields added later) reaches the
 * original store unchanged.
 */
export function instrumentStore<S extends Store>(store: S, metrics: Pick<StoreMetrics, 'recorderFor' | 'watchAvailability'>): S {
  const instrumented = delegateTo(store);
  for (const repository of REPOSITORIES) {
    const original: object | undefined = store[repository];
    if (original === undefined) continue;
    Object.defineProperty(instrumented, repository, { value: instrumentRepository(original, repository, metrics), enumerable: true });
  }
  metrics.watchAvailability(() => storeServes(store));
  return instrumented;
}

function instrumentRepository<R extends object>(repository: R, name: string, metrics: Pick<StoreMetrics, 'recorderFor'>): R {
  const instrumented = Object.create(repository) as R;
  for (const method of methodNames(repository)) {
    const original = (repository as Record<string, (...args: unknown[]) => unknown>)[method]!;
    Object.defineProperty(instrumented, method, { value: timed(repository, original, () => metrics.recorderFor(name, method)) });
  }
  return instrumented;
}

/** An object answering like `target`, its methods bound to it (so #private fields keep working). */
function delegateTo<T extends object>(target: T): T {
  const delegate = Object.create(target) as T;
  for (const method of methodNames(target)) {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[method]!;
    Object.defineProperty(delegate, method, { value: original.bind(target) });
  }
  return delegate;
}

/**
 * Times the calls that answer a promise; a call that answers at once (a synchronous helper) is
 * passed through untimed. The recorder is looked up on first use, so methods never called leave no
 * empty series behind.
 */
function timed(target: object, method: (...args: unknown[]) => unknown, recorderFor: () => StoreOperationRecorder) {
  let recorder: StoreOperationRecorder | undefined;
  const record = (started: number, failed: boolean): void => {
    recorder ??= recorderFor();
    recorder((performance.now() - started) / 1000, failed);
  };
  return function timedCall(...args: unknown[]): unknown {
    const started = performance.now();
    let answer: unknown;
    try {
      answer = method.apply(target, args);
    } catch (error) {
      record(started, true);
      throw error;
    }
    if (!isPromiseLike(answer)) return answer;
    return answer.then(
      (value) => {
        record(started, false);
        return value;
      },
      (error: unknown) => {
        record(started, true);
        throw error;
      },
    );
  };
}

/** Every method on the object's prototype chain below Object.prototype, and its own function fields. */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let level: object | null = target; level && level !== Object.prototype; level = Object.getPrototypeOf(level) as object | null) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

import type { PluginClientOptions, PluginErrorKind, PluginFailure, UpstreamAnswer, UpstreamFetch, UpstreamFetchInit } from './plugin.js';
import { unreachedCauseOf } from './unreached_upstream.js';
import { DEFAULT_MAX_BODY_BYTES, exchangeHttp, HttpBodyTooLargeError, HttpTimeoutError } from './upstream_http.js';

/** What the port is built from: the loose options a plugin receives beside it. */
export type UpstreamFetchOptions = Pick<PluginClientOptions, 'upstreamBaseUrl' | 'onUpstreamCall'> & {
  readonly timeoutMs: number;
  /** Bound on each answer's body, in bytes; absent: DEFAULT_MAX_BODY_BYTES (1 MiB). */
  readonly maxBodyBytes?: number | undefined;
};

/**
 * The HTTP port (PluginClientOptions.upstreamFetch, whose doc is the contract): node:http through
 * upstream_http.ts, with the emulator's rewrite, the timeout and the metrics report applied. The
 * host builds one per connection (src/upstream/resolve_upstream.ts); a plugin built by other code
 * (a test, the bench's peer) builds its own from its options with this same function, so that
 * rewrite, bound and report exist once.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions): UpstreamFetch {
  const { timeoutMs, onUpstreamCall } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const root = rootOf(options.upstreamBaseUrl);
  return async (operation, url, init = NO_INIT) => {
    const target = root === undefined ? url : underRoot(url, root);
    const { body, headers } = requestOf(init);
    const started = performance.now();
    let answer: UpstreamAnswer;
    try {
      answer = await exchangeHttp({ url: target, method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, timeoutMs, maxBodyBytes });
    } catch (error) {
      if (error instanceof HttpTimeoutError) {
        report(onUpstreamCall, operation, started, undefined, 'timeout');
        throw new UpstreamFetchTimeoutError(operation, timeoutMs, error);
      }
      if (error instanceof HttpBodyTooLargeError) {
        report(onUpstreamCall, operation, started, error.status, 'bad_response');
        throw new UpstreamFetchBodyTooLargeError(operation, error);
      }
      // A certificate or a connection that failed is no upstream outage: counted apart, it points the
      // operator at this side (a proxy, a CA, a base URL) instead of at the upstream's status page.
      report(onUpstreamCall, operation, started, undefined, unreachedCauseOf(error)?.kind ?? 'unavailable');
      throw error;
    }
    const { status } = answer;
    report(onUpstreamCall, operation, started, status, status >= 200 && status < 300 ? init.failureKindAt2xx && kindOfAccepted(answer, init.failureKindAt2xx) : kindOfAnswer(answer, init.failureKind));
    return answer;
  };
}

/**
 * PluginClientOptions.upstreamBaseUrl's rewrite: https://HOST/PATH?QUERY → BASE/HOST/PATH?QUERY,
 * the base's trailing slashes dropped. Only https URLs have a place under the emulator: another
 * one is the plugin's mistake, refused rather than sent somewhere unmeant.
 */
export function rewriteUpstreamUrl(url: string, base: string | undefined): string {
  const root = rootOf(base);
  return root === undefined ? url : underRoot(url, root);
}

function rootOf(base: string | undefined): string | undefined {
  return base ? base.replace(/\/+$/, '') : undefined;
}

function underRoot(url: string, root: string): string {
  if (!url.startsWith('https://')) throw new TypeError(`an upstream URL must start with https:// to be called under upstreamBaseUrl, not ${JSON.stringify(url.slice(0, 80))}`);
  return `${root}/${url.slice('https://'.length)}`;
}

/** What a plugin's upstreamFetch rejects with when the upstream's answer did not end within the bound. */
export class UpstreamFetchTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly operation: string;
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number, cause: unknown) {
    super(`Upstream ${operation} call got no answer within ${timeoutMs} ms`, { cause });
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * What a plugin's upstreamFetch rejects with when the upstream's answer has a body larger than the
 * port's bound (the rest unread, the connection closed). An answer came, but none fitgate can use:
 * a PluginFailure of kind `bad_response` as it stands, so a plugin may pass it on unchanged.
 */
export class UpstreamFetchBodyTooLargeError extends Error implements PluginFailure {
  override readonly name = 'BodyTooLargeError';
  readonly kind: PluginErrorKind = 'bad_response';
  readonly operation: string;
  /** The status of the answer whose body was refused. */
  readonly status: number;
  readonly maxBodyBytes: number;

  constructor(operation: string, cause: HttpBodyTooLargeError) {
    super(`Upstream ${operation} call answered HTTP ${cause.status} with a body larger than ${cause.maxBodyBytes} bytes`, { cause });
    this.operation = operation;
    this.status = cause.status;
    this.maxBodyBytes = cause.maxBodyBytes;
  }
}

type UpstreamCall = Parameters<NonNullable<UpstreamFetchOptions['onUpstreamCall']>>[0];

const NO_INIT: UpstreamFetchInit = {};

const EMPTY_HEADERS: Readonly<Record<string, string>> = {};

/** The body as sent and the headers to send with it: a form gets fetch's content type unless the plugin named one. */
function requestOf(init: UpstreamFetchInit): { body: string | undefined; headers: Readonly<Record<string, string>> } {
  const headers = init.headers ?? EMPTY_HEADERS;
  const { body } = init;
  if (!(body instanceof URLSearchParams)) return { body, headers };
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return { body: body.toString(), headers: typed ? headers : { ...headers, 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' } };
}

function report(observer: UpstreamFetchOptions['onUpstreamCall'], operation: string, started: number, status: number | undefined, errorKind: string | undefined): void {
  if (!observer) return;
  // Built key by key, so that a key with nothing to say is absent rather than undefined.
  const call: UpstreamCall = { operation, durationMs: performance.now() - started };
  if (status !== undefined) call.status = status;
  if (errorKind !== undefined) call.errorKind = errorKind;
  try {
    observer(call);
  } catch {
    // Counting must never change the outcome of the call.
  }
}

/** The metrics result of a 2xx answer the plugin reads: ok (undefined), unless it reads a refusal there. */
function kindOfAccepted(answer: UpstreamAnswer, failureKindAt2xx: NonNullable<UpstreamFetchInit['failureKindAt2xx']>): PluginErrorKind | undefined {
  try {
    return failureKindAt2xx(answer);
  } catch {
    // A reading that throws counts the answer as its status does: ok.
    return undefined;
  }
}

/**
 * The metrics result of an answer outside 2xx: the plugin's reading when it gives one, else the
 * status's from 400 on (a 3xx it does not read is no failure: the port follows no redirect).
 */
function kindOfAnswer(answer: UpstreamAnswer, failureKind: UpstreamFetchInit['failureKind']): PluginErrorKind | undefined {
  if (failureKind) {
    try {
      const kind = failureKind(answer);
      if (kind) return kind;
    } catch {
      // A reading that throws falls back to the status's, as one that answers nothing does.
    }
  }
  const { status } = answer;
  if (status < 400) return undefined;
  if (status === 429) return 'rate_limited';
  if (status === 410) return 'gone';
  if (status >= 500) return 'unavailable';
  return 'upstream_error';
}

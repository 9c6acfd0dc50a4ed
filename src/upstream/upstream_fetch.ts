import type { PluginClientOptions, PluginErrorKind, UpstreamFetch, UpstreamFetchInit } from '../connections/plugin.js';

/** What the host builds a plugin's upstreamFetch from: the loose options it hands the plugin too. */
export type UpstreamFetchOptions = Pick<PluginClientOptions, 'upstreamBaseUrl' | 'onUpstreamCall'> & {
  readonly timeoutMs: number;
  /** The HTTP client underneath; global fetch unless a test hands another. */
  readonly fetch?: typeof fetch;
};

/**
 * The HTTP port the host hands a plugin (PluginClientOptions.upstreamFetch, whose doc is the
 * contract): global fetch with the emulator's rewrite, the timeout and the metrics report applied,
 * so that no plugin re-implements them.
 */
export function createUpstreamFetch(options: UpstreamFetchOptions): UpstreamFetch {
  const send = options.fetch ?? fetch;
  const { timeoutMs, onUpstreamCall } = options;
  return async (operation, url, init = {}) => {
    const target = rewriteUpstreamUrl(url, options.upstreamBaseUrl);
    const { failureKind, ...request } = init;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const started = performance.now();
    const report = (outcome: { status?: number; errorKind?: string }) => {
      if (!onUpstreamCall) return;
      try {
        onUpstreamCall({ operation, durationMs: performance.now() - started, ...outcome });
      } catch {
        // Counting must never change the outcome of the call.
      }
    };
    let response: Response;
    let body: string;
    try {
      response = await send(target, { ...request, signal });
      // Read to the end here, on a copy, so that the bound and the duration cover the body, as
      // UpstreamFetch promises; the plugin reads the answer's own body as if untouched.
      body = await response.clone().text();
    } catch (error) {
      if (timeout.aborted) {
        report({ errorKind: 'timeout' });
        throw new UpstreamFetchTimeoutError(operation, timeoutMs, error);
      }
      report({ errorKind: 'unavailable' });
      throw error;
    }
    const errorKind = response.status >= 400 ? kindOfAnswer(response.status, body, failureKind) : undefined;
    report({ status: response.status, ...(errorKind && { errorKind }) });
    return response;
  };
}

/**
 * PluginClientOptions.upstreamBaseUrl's rewrite: https://HOST/PATH?QUERY → BASE/HOST/PATH?QUERY,
 * the base's trailing slashes dropped. Only https URLs have a place under the emulator: another
 * one is the plugin's mistake, refused rather than sent somewhere unmeant.
 */
export function rewriteUpstreamUrl(url: string, base: string | undefined): string {
  if (!base) return url;
  if (!url.startsWith('https://')) throw new TypeError(`an upstream URL must start with https:// to be called under upstreamBaseUrl, not ${JSON.stringify(url.slice(0, 80))}`);
  return `${base.replace(/\/+$/, '')}/${url.slice('https://'.length)}`;
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

/** The metrics result of an answer of 400 or more: the plugin's reading when it gives one, else the status's. */
function kindOfAnswer(status: number, body: string, failureKind: UpstreamFetchInit['failureKind']): PluginErrorKind {
  if (failureKind) {
    try {
      const kind = failureKind({ status, body });
      if (kind) return kind;
    } catch {
      // A reading that throws falls back to the status's, as one that answers nothing does.
    }
  }
  if (status === 429) return 'rate_limited';
  if (status === 410) return 'gone';
  if (status >= 500) return 'unavailable';
  return 'upstream_error';
}

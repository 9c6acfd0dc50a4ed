import type { PluginClientOptions, UpstreamFetch } from '../plugin.js';
import type { RefusalReader } from '../oauth2/call_upstream.js';
import { createUpstreamFetch } from '../upstream_fetch.js';
import { isFitbitApi, type FitbitApi } from './api.js';
import type { ClientCredentials } from './client_auth.js';
import { endpointsFor, type Endpoints } from './endpoints.js';
import { parseErrorResponse } from './errors/parse_error_response.js';
import type { UpstreamOperation } from './errors/upstream_operation.js';
import type { UpstreamCallHook } from './upstream_call_report.js';

/** Bound on every upstream call unless the caller picks another. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** Options shared by the strategy and the token client. */
export interface UpstreamClientOptions {
  api: FitbitApi;
  clientID: string;
  /** Required for Fitbit Server apps and Google web clients; absent for Fitbit Client apps. */
  clientSecret?: string | undefined;
  /** Serves every upstream host under one base (an emulator): https://HOST/PATH → `${base}/HOST/PATH`. */
  upstreamBaseUrl?: string | undefined;
  /** Bound on each upstream call, in milliseconds. Default 10 000. */
  timeoutMs?: number | undefined;
  /**
   * Hears each upstream HTTP call once it ended: operation, duration, status, error kind (for a
   * host's metrics). JWKS fetches are cached per process and not reported.
   */
  onUpstreamCall?: UpstreamCallHook | undefined;
  /**
   * The host's HTTP port (fitgate's PluginClientOptions.upstreamFetch), which applies the three
   * options above itself: every call but the JWKS fetch goes through it. Absent: the plugin builds
   * the same port from those options.
   */
  upstreamFetch?: UpstreamFetch | undefined;
}

/** Everything an upstream call needs, checked once. */
export interface UpstreamContext {
  api: FitbitApi;
  /** The upstream's real URLs (the authorize URL rewritten for the browser): the port rewrites the rest. */
  endpoints: Endpoints;
  credentials: ClientCredentials;
  timeoutMs: number;
  upstreamBaseUrl: string | undefined;
  /** The port every reported call goes through: the host's, or one built here. */
  upstreamFetch: UpstreamFetch;
  /** Reads this mode's refusals (parseErrorResponse), a 429 with whose quota it was (rate_limit_scope.ts). */
  refusal: RefusalReader<UpstreamOperation>;
}

export function upstreamContext(options: UpstreamClientOptions & { authorizationBaseUrl?: string | undefined }): UpstreamContext {
  if (!isFitbitApi(options.api)) throw new TypeError(`api must be "google-health" or "fitbit-legacy", not ${JSON.stringify(options.api)}`);
  if (typeof options.clientID !== 'string' || options.clientID === '') throw new TypeError('clientID is required');
  for (const key of ['upstreamBaseUrl', 'authorizationBaseUrl'] as const) {
    const value = options[key];
    if (value !== undefined && !URL.canParse(value)) throw new TypeError(`${key} must be an absolute URL`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new TypeError('timeoutMs must be a positive integer');
  for (const key of ['onUpstreamCall', 'upstreamFetch'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') throw new TypeError(`${key} must be a function`);
  }
  const { upstreamBaseUrl, api } = options;
  return {
    api,
    endpoints: endpointsFor(options.api, options.authorizationBaseUrl ?? upstreamBaseUrl),
    credentials: { api: options.api, clientID: options.clientID, clientSecret: options.clientSecret || undefined },
    timeoutMs,
    upstreamBaseUrl,
    upstreamFetch:
      options.upstreamFetch ??
      createUpstreamFetch({
        ...(upstreamBaseUrl !== undefined && { upstreamBaseUrl }),
        timeoutMs,
        // The port reports only what this plugin names: its operations, and the kinds its
        // failureKind or the status give, all of them an UpstreamCallReport's.
        ...(options.onUpstreamCall && { onUpstreamCall: options.onUpstreamCall as PluginClientOptions['onUpstreamCall'] }),
      }),
    refusal: (refused) => parseErrorResponse({ ...refused, api }),
  };
}

import { isFitbitApi, type FitbitApi } from './api.js';
import type { ClientCredentials } from './client_auth.js';
import { endpointsFor, type Endpoints } from './endpoints.js';
import { DEFAULT_TIMEOUT_MS, type UpstreamCallHook } from './http/call_upstream.js';

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
}

/** Everything an upstream call needs, checked once. */
export interface UpstreamContext {
  api: FitbitApi;
  endpoints: Endpoints;
  credentials: ClientCredentials;
  timeoutMs: number;
  onCall: UpstreamCallHook | undefined;
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
  if (options.onUpstreamCall !== undefined && typeof options.onUpstreamCall !== 'function') {
    throw new TypeError('onUpstreamCall must be a function');
  }
  return {
    api: options.api,
    endpoints: endpointsFor(options.api, options),
    credentials: { api: options.api, clientID: options.clientID, clientSecret: options.clientSecret || undefined },
    timeoutMs,
    onCall: options.onUpstreamCall,
  };
}

export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

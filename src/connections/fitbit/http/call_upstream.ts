import { parseErrorResponse } from '../errors/parse_error_response.js';
import { UpstreamBadResponseError } from '../errors/bad_response_error.js';
import { UpstreamNetworkError } from '../errors/network_error.js';
import { UpstreamTimeoutError } from '../errors/timeout_error.js';
import { upstreamErrorKind, type UpstreamErrorKind, type UpstreamOperation } from '../errors/upstream_error.js';
import { parseJsonObject, type JsonObject } from '../json.js';
import { exchangeHttp, HttpTimeoutError } from './http_exchange.js';

/** Bound on every upstream call unless the caller picks another. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface UpstreamRequest {
  operation: UpstreamOperation;
  url: string;
  timeoutMs: number;
  /** POSTs this form (application/x-www-form-urlencoded); GET when absent. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Told how the call went once it ended (see UpstreamCallHook). */
  onCall?: UpstreamCallHook | undefined;
}

/** What a host's onUpstreamCall hears after each upstream HTTP call: never a URL, token or body. */
export interface UpstreamCallReport {
  operation: UpstreamOperation;
  /** From the request to the end of the body (or the failure). */
  durationMs: number;
  /** The upstream's HTTP status; absent when no answer came (timeout, network). */
  status?: number | undefined;
  /** Absent on success. */
  errorKind?: UpstreamErrorKind | undefined;
}

/** For metrics: called once per upstream call. Whatever it throws is ignored. */
export type UpstreamCallHook = (report: UpstreamCallReport) => void;

export interface UpstreamResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface UpstreamJson {
  json: JsonObject;
  /** The body as received, for Passport's `_raw`. */
  raw: string;
}

/**
 * One upstream HTTP call with a bounded timeout (covering the body too). Answers 2xx responses and
 * throws the typed error for everything else: non-2xx, no answer, or no answer in time. The
 * request's onCall hook hears how it went.
 */
export async function callUpstream(request: UpstreamRequest): Promise<UpstreamResponse> {
  const hook = request.onCall;
  if (!hook) return exchange(request);
  const started = performance.now();
  try {
    const answer = await exchange(request);
    report(hook, { operation: request.operation, durationMs: performance.now() - started, status: answer.status });
    return answer;
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    report(hook, {
      operation: request.operation,
      durationMs: performance.now() - started,
      ...(typeof status === 'number' && { status }),
      errorKind: upstreamErrorKind(error) ?? 'upstream_error',
    });
    throw error;
  }
}

function report(hook: UpstreamCallHook, call: UpstreamCallReport): void {
  try {
    hook(call);
  } catch {
    // Counting must never change the outcome of the call.
  }
}

async function exchange(request: UpstreamRequest): Promise<UpstreamResponse> {
  const { operation, timeoutMs } = request;
  let answer: UpstreamResponse;
  try {
    answer = await exchangeHttp({
      url: request.url,
      method: request.form ? 'POST' : 'GET',
      headers: {
        accept: 'application/json',
        ...(request.form && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...request.headers,
      },
      ...(request.form && { body: new URLSearchParams(request.form).toString() }),
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof HttpTimeoutError) throw new UpstreamTimeoutError({ operation, timeoutMs, cause: error });
    const errno = error as Partial<NodeJS.ErrnoException>;
    throw new UpstreamNetworkError({ operation, reason: errno.code ?? errno.message ?? String(error), cause: error });
  }
  if (answer.status < 200 || answer.status > 299) throw parseErrorResponse({ operation, ...answer });
  return answer;
}

/** callUpstream for endpoints that answer a JSON object. */
export async function callUpstreamJson(request: UpstreamRequest): Promise<UpstreamJson> {
  const response = await callUpstream(request);
  const json = parseJsonObject(response.body);
  if (!json) {
    throw new UpstreamBadResponseError({
      operation: request.operation,
      status: response.status,
      problem: 'the body is not a JSON object',
    });
  }
  return { json, raw: response.body };
}

import { parseErrorResponse } from '../errors/parse_error_response.js';
import { UpstreamBadResponseError } from '../errors/bad_response_error.js';
import { UpstreamNetworkError } from '../errors/network_error.js';
import { UpstreamTimeoutError } from '../errors/timeout_error.js';
import { upstreamErrorKind, type UpstreamErrorKind, type UpstreamOperation } from '../errors/upstream_error.js';
import { parseJsonObject, type JsonObject } from '../json.js';

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
  try {
    const response = await fetch(request.url, {
      method: request.form ? 'POST' : 'GET',
      headers: {
        accept: 'application/json',
        ...(request.form && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...request.headers,
      },
      ...(request.form && { body: new URLSearchParams(request.form).toString() }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    if (answer.status < 200 || answer.status > 299) throw parseErrorResponse({ operation, ...answer });
    return answer;
  } catch (error) {
    // By name, not instanceof: fetch's errors come from Node's own realm, which is not the caller's
    // under a VM sandbox such as Jest's, where `instanceof TypeError` is false for them.
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new UpstreamTimeoutError({ operation, timeoutMs, cause: error });
    }
    if (name === 'TypeError') {
      throw new UpstreamNetworkError({ operation, reason: networkReason(error as TypeError), cause: error });
    }
    throw error;
  }
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

/** undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, socket closed) in `cause`. */
function networkReason(error: TypeError): string {
  const cause = error.cause as Partial<NodeJS.ErrnoException> | undefined;
  if (typeof cause?.message === 'string') return cause.code ?? cause.message;
  return error.message;
}

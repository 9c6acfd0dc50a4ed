import type { UpstreamAnswer, UpstreamFetch } from '../../plugin.js';
import { parseErrorResponse } from '../errors/parse_error_response.js';
import { UpstreamBadResponseError } from '../errors/bad_response_error.js';
import { UpstreamNetworkError } from '../errors/network_error.js';
import { UpstreamTimeoutError } from '../errors/timeout_error.js';
import type { UpstreamErrorKind, UpstreamOperation } from '../errors/upstream_error.js';
import { parseJsonObject, type JsonObject } from '../json.js';

/** Bound on every upstream call unless the caller picks another. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface UpstreamRequest {
  operation: UpstreamOperation;
  url: string;
  /**
   * The HTTP port the call goes through (upstream_context.ts): it rewrites the URL under
   * upstreamBaseUrl, bounds the call and reports it.
   */
  upstreamFetch: UpstreamFetch;
  /** The port's bound, for the timeout error when the port's own does not name it. */
  timeoutMs: number;
  /** POSTs this form (application/x-www-form-urlencoded); GET when absent. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
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

/** The upstream's whole answer: status, lower-case headers, body. */
export type UpstreamResponse = UpstreamAnswer;

export interface UpstreamJson {
  json: JsonObject;
  /** The body as received, for Passport's `_raw`. */
  raw: string;
}

/**
 * One upstream HTTP call through the port, bounded (the body too) and reported there. Answers 2xx
 * responses and throws the typed error for everything else: non-2xx, no answer, or no answer in
 * time. The port counts a non-2xx answer as the error thrown here, by failureKind.
 */
export async function callUpstream(request: UpstreamRequest): Promise<UpstreamResponse> {
  const { operation } = request;
  let answer: UpstreamAnswer;
  try {
    answer = await request.upstreamFetch(operation, request.url, {
      method: request.form ? 'POST' : 'GET',
      headers: {
        accept: 'application/json',
        ...(request.form && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...request.headers,
      },
      ...(request.form && { body: new URLSearchParams(request.form).toString() }),
      failureKind: (refused) => parseErrorResponse({ operation, ...refused }).kind,
    });
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
      const bound = (error as { timeoutMs?: unknown }).timeoutMs;
      throw new UpstreamTimeoutError({ operation, timeoutMs: typeof bound === 'number' ? bound : request.timeoutMs, cause: error });
    }
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

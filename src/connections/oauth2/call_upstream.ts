import type { UpstreamAnswer, UpstreamFetch } from '../plugin.js';
import { UpstreamBadResponseError } from './errors/bad_response_error.js';
import { UpstreamNetworkError } from './errors/network_error.js';
import { UpstreamTimeoutError } from './errors/timeout_error.js';
import type { UpstreamError } from './errors/upstream_error.js';
import { parseJsonObject, type JsonObject } from './json.js';

/** An answer outside 2xx, with the call it answered. */
export interface RefusedAnswer<Operation extends string = string> extends UpstreamAnswer {
  readonly operation: Operation;
}

/**
 * Reads a refused call into the typed error for it. Each upstream words its refusals its own way
 * (error bodies, headers, statuses), so the plugin supplies it; the standard pieces are in errors/.
 */
export type RefusalReader<Operation extends string = string> = (refused: RefusedAnswer<Operation>) => UpstreamError;

export interface UpstreamRequest<Operation extends string = string> {
  operation: Operation;
  url: string;
  /** The HTTP port the call goes through: it rewrites the URL under upstreamBaseUrl, bounds the call and reports it. */
  upstreamFetch: UpstreamFetch;
  /** The port's bound, for the timeout error when the port's own does not name it. */
  timeoutMs: number;
  refusal: RefusalReader<Operation>;
  /** POSTs this form (application/x-www-form-urlencoded); GET when absent. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface UpstreamJson {
  json: JsonObject;
  /** The body as received, for Passport's `_raw`. */
  raw: string;
}

/**
 * One upstream HTTP call through the port, bounded (the body too) and reported there. Answers 2xx
 * responses and throws the typed error for everything else: non-2xx (read by `refusal`), no answer,
 * no answer in time, or an answer the port would not take (a body past its bound: bad_response).
 * The port counts a non-2xx answer as the error thrown here, by failureKind.
 */
export async function callUpstream<Operation extends string>(request: UpstreamRequest<Operation>): Promise<UpstreamAnswer> {
  const { operation, refusal } = request;
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
      failureKind: (refused) => refusal({ operation, ...refused }).kind,
    });
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
      const bound = (error as { timeoutMs?: unknown }).timeoutMs;
      throw new UpstreamTimeoutError({ operation, timeoutMs: typeof bound === 'number' ? bound : request.timeoutMs, cause: error });
    }
    if (isBadResponse(error)) {
      const status = typeof error.status === 'number' ? error.status : undefined;
      throw new UpstreamBadResponseError({ operation, status, problem: unusableAnswer(error), cause: error });
    }
    const errno = error as Partial<NodeJS.ErrnoException>;
    throw new UpstreamNetworkError({ operation, reason: errno.code ?? errno.message ?? String(error), cause: error });
  }
  if (answer.status < 200 || answer.status > 299) throw refusal({ operation, ...answer });
  return answer;
}

/**
 * The port's rejection of an answer it got but will not hand over (a body past its bound): a
 * PluginFailure of kind `bad_response` (UpstreamFetch in plugin.ts), read by its shape since this
 * client imports nothing of the host's code.
 */
function isBadResponse(error: unknown): error is UnusableAnswer {
  return (error as { kind?: unknown } | null)?.kind === 'bad_response';
}

interface UnusableAnswer {
  kind: 'bad_response';
  status?: unknown;
  maxBodyBytes?: unknown;
  message?: unknown;
}

function unusableAnswer(error: UnusableAnswer): string {
  if (typeof error.maxBodyBytes === 'number') return `the body is larger than ${error.maxBodyBytes} bytes`;
  return typeof error.message === 'string' && error.message !== '' ? error.message : 'the HTTP port refused the answer';
}

/** callUpstream for endpoints that answer a JSON object. */
export async function callUpstreamJson<Operation extends string>(request: UpstreamRequest<Operation>): Promise<UpstreamJson> {
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

import type { PluginErrorKind, UpstreamAnswer, UpstreamFetch, UpstreamFetchInit } from '../plugin.js';
import { UpstreamBadResponseError } from './errors/bad_response_error.js';
import { UpstreamNetworkError } from './errors/network_error.js';
import { UpstreamTimeoutError } from './errors/timeout_error.js';
import { isUpstreamError, type UpstreamError } from './errors/upstream_error.js';
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

/** A 2xx answer, with the call it answered. */
export interface AcceptedAnswer<Operation extends string = string> extends UpstreamAnswer {
  readonly operation: Operation;
}

/**
 * Reads a 2xx answer's body, parsed (a JSON object), for an upstream that answers HTTP 200 whatever
 * happened and says inside the body whether it did (Withings' `{status, body}` or `{status,
 * error}`): the object to read (the envelope's `body`), or the refusal, an UpstreamError of the
 * kind a RefusalReader would give it (returned or thrown alike). Every reader of the answer then
 * sees what it would see at an upstream that answers plainly: the token answer is parsed from the
 * object returned, and a refusal is thrown, and counted by the port, as one outside 2xx is.
 */
export type AnswerReader<Operation extends string = string> = (json: JsonObject, answer: AcceptedAnswer<Operation>) => JsonObject | UpstreamError;

export interface UpstreamRequest<Operation extends string = string> {
  operation: Operation;
  url: string;
  /** The HTTP port the call goes through: it rewrites the URL under upstreamBaseUrl, bounds the call and reports it. */
  upstreamFetch: UpstreamFetch;
  /** The port's bound, for the timeout error when the port's own does not name it. */
  timeoutMs: number;
  refusal: RefusalReader<Operation>;
  /**
   * For an upstream that may refuse inside a 2xx answer: its reading of every 2xx body (which must
   * then be a JSON object). Absent: a 2xx is the answer, as received.
   */
  answerOf?: AnswerReader<Operation> | undefined;
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
 * responses and throws the typed error for everything else: non-2xx (read by `refusal`), a 2xx
 * `answerOf` reads as a refusal, no answer, no answer in time, or an answer the port would not take
 * (a body past its bound: bad_response). The port counts a refusal as the error thrown here, by
 * failureKind outside 2xx and failureKindAt2xx within.
 */
export function callUpstream<Operation extends string>(request: UpstreamRequest<Operation>): Promise<UpstreamAnswer> {
  // Without answerOf, the port's answer as it stands: nothing parsed, nothing more to wait for.
  return request.answerOf ? sendAndRead(request, request.answerOf).then((read) => read.answer) : send(request);
}

async function send<Operation extends string>(request: UpstreamRequest<Operation>, failureKindAt2xx?: UpstreamFetchInit['failureKindAt2xx']): Promise<UpstreamAnswer> {
  const { operation, refusal } = request;
  let answer: UpstreamAnswer;
  try {
    const init: UpstreamFetchInit = {
      method: request.form ? 'POST' : 'GET',
      headers: {
        accept: 'application/json',
        ...(request.form && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...request.headers,
      },
      ...(request.form && { body: new URLSearchParams(request.form).toString() }),
      failureKind: (refused) => refusal({ operation, ...refused }).kind,
    };
    answer = await request.upstreamFetch(operation, request.url, failureKindAt2xx ? { ...init, failureKindAt2xx } : init);
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
    const code = typeof errno.code === 'string' && NODE_ERROR_CODE.test(errno.code) ? errno.code : undefined;
    throw new UpstreamNetworkError({ operation, code, reason: code ?? errno.message ?? String(error), cause: error });
  }
  if (answer.status < 200 || answer.status > 299) throw refusal({ operation, ...answer });
  return answer;
}

/** The shape of Node's error codes (ECONNRESET, ERR_TLS_CERT_ALTNAME_INVALID): anything else on `code` is no socket's. */
const NODE_ERROR_CODE = /^[A-Z][A-Z0-9_]*$/;

/** A 2xx answer as received, and the object answerOf read in it; a refusal it read is thrown. */
async function sendAndRead<Operation extends string>(request: UpstreamRequest<Operation>, answerOf: AnswerReader<Operation>): Promise<{ answer: UpstreamAnswer; json: JsonObject }> {
  const reading = answerReading(request.operation, answerOf);
  const answer = await send(request, reading.failureKind);
  const read = reading.of(answer);
  if ('failure' in read) throw read.failure;
  return { answer, json: read.json };
}

type Reading = { readonly json: JsonObject } | { readonly failure: unknown };

/**
 * answerOf applied once to an answer: the port asks first, to count it (failureKindAt2xx), and the
 * call takes that same reading instead of parsing the body again. A port that does not ask (one a
 * test wrote) leaves the reading to the call.
 */
function answerReading<Operation extends string>(operation: Operation, answerOf: AnswerReader<Operation>) {
  let last: { readonly answer: UpstreamAnswer; readonly read: Reading } | undefined;
  const of = (answer: UpstreamAnswer): Reading => {
    if (last?.answer !== answer) last = { answer, read: readAccepted(operation, answerOf, answer) };
    return last.read;
  };
  const failureKind = (answer: UpstreamAnswer): PluginErrorKind | undefined => {
    const read = of(answer);
    return 'failure' in read && isUpstreamError(read.failure) ? read.failure.kind : undefined;
  };
  return { of, failureKind };
}

function readAccepted<Operation extends string>(operation: Operation, answerOf: AnswerReader<Operation>, answer: UpstreamAnswer): Reading {
  const json = parseJsonObject(answer.body);
  if (!json) return { failure: new UpstreamBadResponseError({ operation, status: answer.status, problem: 'the body is not a JSON object' }) };
  try {
    const read = answerOf(json, { operation, ...answer });
    return read instanceof Error ? { failure: read } : { json: read };
  } catch (failure) {
    return { failure };
  }
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

/** callUpstream for endpoints that answer a JSON object: the object answerOf read, when given. */
export async function callUpstreamJson<Operation extends string>(request: UpstreamRequest<Operation>): Promise<UpstreamJson> {
  if (request.answerOf) {
    const { answer, json } = await sendAndRead(request, request.answerOf);
    return { json, raw: answer.body };
  }
  const response = await send(request);
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

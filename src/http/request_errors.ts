import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/index.js';

/**
 * A request Express or body-parser rejected before any route ran: unreadable JSON, a body over the
 * limit, an unsupported charset. Such errors arrive as http-errors objects (`status`, `expose`,
 * `type`); this turns them into an AppError with a message of our own, because body-parser's
 * message may quote the body, and the body may hold a secret.
 */
export class RequestRejectedError extends AppError {
  readonly code = 'invalid_request';
  constructor(
    readonly status: number,
    description: string,
  ) {
    super(description);
  }
}

/** The `type`s of the refusals below, beside body-parser's own. */
const INVALID_UTF8 = 'body.utf8.invalid';
const MALFORMED_ESCAPE = 'body.escape.invalid';

const MESSAGES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'The request body is not valid JSON or form data.',
  'entity.too.large': 'The request body is larger than fitgate accepts.',
  'parameters.too.many': 'The request body has more parameters than fitgate accepts.',
  'encoding.unsupported': 'The request body uses a content encoding fitgate does not support.',
  'charset.unsupported': 'The request body uses a character set fitgate does not support (use UTF-8).',
  'request.aborted': 'The request body ended before it was complete.',
  'request.size.invalid': 'The request body is not as long as its Content-Length says.',
  [INVALID_UTF8]: 'The request body is not valid UTF-8.',
  [MALFORMED_ESCAPE]: 'The request body has a malformed percent-escape: a % not followed by two hex digits, or escapes that are not UTF-8.',
};

/** The AppError for a rejected request, or undefined when `error` is not a 4xx http-error. */
export function fromRequestError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type, body } = error as { status?: unknown; type?: unknown; body?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const bare = type === 'entity.parse.failed' ? bareJsonValue(body) : undefined;
  if (bare) return new RequestRejectedError(status, `The request body must be a JSON object (or an array, where the endpoint takes a list), not ${bare}.`);
  // Whoever sent too much can only fix it knowing how much is accepted.
  const limit = bodyLimitExceeded(error);
  if (limit !== undefined) return new RequestRejectedError(status, `The request body is larger than fitgate accepts (at most ${shownSize(limit)}).`);
  const message = (typeof type === 'string' && MESSAGES[type]) || 'The request could not be read.';
  return new RequestRejectedError(status, message);
}

/**
 * The body limit, in bytes, a request went over, when `error` is the body parser's refusal of a
 * body too large (its http-error carries the limit); undefined for any other error.
 */
export function bodyLimitExceeded(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, limit } = error as { type?: unknown; limit?: unknown };
  return type === 'entity.too.large' && typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/** A body limit as people read it: the parser's '100kb' is 102,400 bytes, "100 kB". */
export function shownSize(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} kB` : `${bytes} bytes`;
}

/**
 * The JSON parser takes only an object or an array at the top (body-parser's `strict`), and refuses
 * anything else as unparsable, a bare null, number, string or boolean included. That body is valid
 * JSON, so say what it is instead (its kind, never its value: the body may hold a secret).
 */
function bareJsonValue(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (value === null) return 'null';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return undefined;
}

/**
 * After the body parsers: a request whose body none of them read (another Content-Type, or none)
 * is refused with 415, where it used to reach its route as if it had sent nothing at all (a PATCH
 * that changed nothing and said 200, a token request "missing grant_type").
 */
export function refuseUnreadBody(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.body !== undefined || !carriesBody(req)) return next();
    next(new RequestRejectedError(415, 'The request body must be application/json or application/x-www-form-urlencoded (UTF-8).'));
  };
}

function carriesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * The JSON parser's `verify`: a UTF-8 body (the default, and what RFC 8259 requires) that is not
 * valid UTF-8 is refused. The parser would decode each bad byte to U+FFFD, and a name sent so would
 * be stored as "����" with a 200.
 */
export function verifyJsonBody(_req: IncomingMessage, _res: unknown, body: Buffer, charset: string): void {
  if (isUtf8Charset(charset) && !isUtf8(body)) throw bodyRefusal(INVALID_UTF8);
}

/**
 * The form parser's `verify`: a UTF-8 form (the default) must be valid UTF-8, and so must what its
 * percent-escapes spell. The parser keeps a malformed escape as its text ("%FF", a lone "%"), so a
 * secret, a state or a name sent so would be read as another value than the one meant.
 */
export function verifyFormBody(_req: IncomingMessage, _res: unknown, body: Buffer, charset: string): void {
  if (!isUtf8Charset(charset)) return;
  if (!isUtf8(body)) throw bodyRefusal(INVALID_UTF8);
  if (!escapesSpellUtf8(body.toString('utf8'))) throw bodyRefusal(MALFORMED_ESCAPE);
}

function isUtf8Charset(charset: string | undefined): boolean {
  return charset === undefined || /^utf-?8$/i.test(charset);
}

/** Whether every percent-escape of `text` is well formed and spells UTF-8 (overlong forms such as %C0%AF do not). */
export function escapesSpellUtf8(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** An http-error as body-parser passes on a `verify` failure: its status and `type` (the MESSAGES key). */
function bodyRefusal(type: string): Error & { status: number; type: string } {
  return Object.assign(new Error(type), { status: 400, type });
}

import type { z } from 'zod';
import { firstUnstorableText } from '../domain/storable_text.js';
import { BadRequestError } from '../errors/index.js';

/**
 * Body and query validation in Auth0's words: "Payload validation error: '<what>' on property
 * <field>." (errorCode invalid_body) and "Query validation error: ..." (invalid_query_string), naming
 * the first bad field so a caller can fix it without guessing.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = parseWith(schema, body ?? {}, 'Payload', 'invalid_body');
  refuseUnstorableText(parsed);
  return parsed;
}

/**
 * Every string of a body as it would be stored (after its schema, whose field rules speak first in
 * their own words: an application's name, its URLs, a connection's credentials) holds text any store
 * and any reader keeps as sent: no NUL, no unpaired surrogate (domain/storable_text.ts), in a
 * value or a key, however deep in a metadata object.
 */
function refuseUnstorableText(parsed: unknown): void {
  const found = firstUnstorableText(parsed);
  if (!found) return;
  const message = found.inKey ? `Keys ${found.problem}` : `${found.problem[0]!.toUpperCase()}${found.problem.slice(1)}`;
  const where = found.path.length > 0 ? found.path.join('.') : 'body';
  throw new BadRequestError(`Payload validation error: '${message}' on property ${where}.`, 'invalid_body');
}

/**
 * Auth0's answer to a PATCH that sends no property (`{}`, or no body at all): a 400, where it would
 * otherwise be a 200 that changed nothing, and a script whose update lost its fields on the way
 * (a misspelt variable, a filter that emptied the object) would never learn. For every PATCH route
 * whose body is an object (run_route.ts); anything but an object is its schema's to judge.
 */
export function refuseEmptyPatch(body: unknown): void {
  const empty = body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
  if (empty) throw new BadRequestError("Payload validation error: 'Too few properties defined (0), minimum 1'.", 'invalid_body');
}

export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  return parseWith(schema, query, 'Query', 'invalid_query_string');
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: 'Payload' | 'Query', code: string): T {
  const parsed = schema.safeParse(input, { error: inAuth0Words });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new BadRequestError(`${what} validation error.`, code);
  const path = issue.path.map(String);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `Additional properties not allowed: ${issue.keys.join(', ')}`;
  } else if (message === MISSING && path.length > 0) {
    // Auth0 names the missing property in the message and its parent object as the place.
    message = `${MISSING}: ${path.pop()}`;
  } else if (path.length === 0) {
    path.push('body');
  }
  const where = path.length > 0 ? ` on property ${path.join('.')}` : '';
  throw new BadRequestError(`${what} validation error: '${message}'${where}.`, code);
}

const MISSING = 'Missing required property';

/**
 * zod's own messages for the common mistakes, worded as Auth0's Management API words them (a
 * JSON-schema validator's phrases), so an error reads the same to a script written against Auth0. A
 * message a schema sets itself still wins: zod asks a schema's own error first, then this one.
 */
function inAuth0Words(issue: z.core.$ZodRawIssue): string | undefined {
  const { input } = issue;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return MISSING;
      // JSON reads 1e400 as Infinity, which zod refuses as no number: "found type number" would contradict itself.
      if (typeof input === 'number' && !Number.isFinite(input)) return notFinite(input);
      return `Expected type ${schemaType(issue.expected)} but found type ${typeOf(input)}`;
    case 'too_small':
      return limitBreach(issue.origin, input, 'short', 'less', issue.minimum);
    case 'too_big':
      return limitBreach(issue.origin, input, 'long', 'greater', issue.maximum);
    case 'invalid_value':
      return `No enum match for: ${JSON.stringify(input)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'String does not match pattern' : `Object didn't pass validation for format ${issue.format}: ${String(input)}`;
    case 'invalid_key':
      // A refused property name (of a metadata object): say what its rule says, not "Invalid key in record".
      return issue.issues[0]?.message;
    default:
      return undefined;
  }
}

function limitBreach(origin: string, input: unknown, size: 'short' | 'long', side: 'less' | 'greater', limit: number | bigint): string | undefined {
  const bound = size === 'short' ? 'minimum' : 'maximum';
  if (origin === 'string' && typeof input === 'string') return `String is too ${size} (${input.length} chars), ${bound} ${limit}`;
  if (origin === 'array' && Array.isArray(input)) return `Array is too ${size} (${input.length}), ${bound} ${limit}`;
  if (origin === 'number' && typeof input === 'number') return `Value ${input} is ${side} than ${bound} ${limit}`;
  return undefined;
}

/** A number JSON can write but no double holds (1e400 reads as Infinity), or NaN from a query string. */
function notFinite(input: number): string {
  return Number.isNaN(input) ? 'Value is not a number' : `Number is out of range: ${input > 0 ? 'too large' : 'too far below zero'} to be represented (not finite)`;
}

/** JSON Schema's name for what zod expected ("int" is "integer", a record is an "object"). */
function schemaType(expected: string): string {
  if (expected === 'int') return 'integer';
  if (expected === 'record') return 'object';
  return expected;
}

/** JSON Schema's name for the type of a value that came from JSON or a query string. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

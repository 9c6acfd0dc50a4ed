import type { z } from 'zod';
import { BadRequestError } from '../errors/index.js';

/**
 * Body and query validation in Auth0's words: "Payload validation error: '<what>' on property
 * <field>." (errorCode invalid_body) and "Query validation error: ..." (invalid_query_string), naming
 * the first bad field so a caller can fix it without guessing.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  return parseWith(schema, body ?? {}, 'Payload', 'invalid_body');
}

export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  return parseWith(schema, query, 'Query', 'invalid_query_string');
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: 'Payload' | 'Query', code: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new BadRequestError(`${what} validation error.`, code);
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? ` on property ${issue.path.join('.')}` : '';
    throw new BadRequestError(`${what} validation error: 'Additional properties not allowed: ${issue.keys.join(', ')}'${where}.`, code);
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new BadRequestError(`${what} validation error: '${issue.message}' on property ${field}.`, code);
}

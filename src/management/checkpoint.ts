import { z } from 'zod';
import { BadRequestError } from '../errors/index.js';
import { wholeNumberParam } from './pagination.js';
import { parseQuery } from './validation.js';

/**
 * Auth0's checkpoint paging (`from`, `take`) over a list fitgate reads whole: the items in id order,
 * `take` at a time, and `next` (an opaque checkpoint) while more remain, which the caller sends back
 * as `from`. `next` encodes the first id of the following page rather than an offset, so a list that
 * changes between pages neither repeats nor skips an item that stayed. Node-auth0's iterators ask
 * for another page only while `next` is present. Used by /connections, /client-grants and
 * /connections/{id}/clients (/logs has its own: its checkpoint is a log_id).
 */

/** Auth0's default `take`. */
export const DEFAULT_TAKE = 50;

export interface CheckpointRequest {
  take: number;
  /** The decoded id the page starts at (inclusive); absent: the first page. */
  from?: string;
}

export interface CheckpointPage<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
}

/** `take` (1 to maxTake, default 50) and `from` (a `next` of an earlier page), read from the query. */
export function readCheckpointRequest(query: unknown, maxTake: number): CheckpointRequest {
  const { take, from } = parseQuery(checkpointQuery(maxTake), query);
  return from === undefined ? { take } : { take, from: decodeCheckpoint(from) };
}

/** The page of `items` the request asks for, in the order of their ids. */
export function checkpointPage<T>(items: readonly T[], idOf: (item: T) => string, request: CheckpointRequest): CheckpointPage<T> {
  const ordered = [...items].sort((a, b) => compare(idOf(a), idOf(b)));
  const { from } = request;
  const remaining = from === undefined ? ordered : ordered.filter((item) => idOf(item) >= from);
  const following = remaining[request.take];
  const page: CheckpointPage<T> = { items: remaining.slice(0, request.take) };
  if (following !== undefined) page.next = encodeCheckpoint(idOf(following));
  return page;
}

export function encodeCheckpoint(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/**
 * The id a `next` encodes. Anything this API did not hand out (not base64url, not what the id
 * encodes back to, control characters) is a 400 naming `from`, not a page that starts anywhere.
 */
export function decodeCheckpoint(from: string): string {
  const id = Buffer.from(from, 'base64url').toString('utf8');
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (!/^[A-Za-z0-9_-]+$/.test(from) || id === '' || /[\u0000-\u001f\u007f\ufffd]/.test(id) || encodeCheckpoint(id) !== from) {
    throw new BadRequestError("Query validation error: 'Must be a next value from a previous page' on property from.", 'invalid_query_string');
  }
  return id;
}

function checkpointQuery(maxTake: number) {
  return z.looseObject({
    take: wholeNumberParam(1, maxTake).default(DEFAULT_TAKE),
    from: z.string({ error: 'Must be a next value from a previous page' }).min(1, 'Must not be empty').max(1000, 'Must be at most 1000 characters').optional(),
  });
}

/** Code-unit order, the same in every locale (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

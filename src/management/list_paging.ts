import type { Request } from 'express';
import { z } from 'zod';
import { BadRequestError } from '../errors/index.js';
import { checkpointPage, readCheckpointRequest, type CheckpointRequest } from './checkpoint.js';
import { MAX_PER_PAGE, pageOf, pageReply, readPagination, type Pagination } from './pagination.js';
import type { ManagementReply } from './route.js';
import { parseQuery } from './validation.js';

/**
 * Paging of a list that Auth0 pages both ways (/connections, /client-grants): with `from` or `take`,
 * checkpoint paging, answered as `{ <key>: [...], next }` whatever include_totals says (Auth0 returns
 * no totals with checkpoints; node-auth0 7 sends include_totals=true&take=50 and follows `next`);
 * otherwise page / per_page, answered as every other list is.
 */
export type ListPaging = { kind: 'checkpoint'; checkpoint: CheckpointRequest } | { kind: 'offset'; pagination: Pagination };

// Accepted beside a checkpoint (the SDK sends it) but not read: there are no totals to include.
const checkpointExtras = z.looseObject({
  include_totals: z.enum(['true', 'false'], { error: 'Must be true or false' }).optional(),
});

export function readListPaging(req: Request): ListPaging {
  const { query } = req;
  if (query.from === undefined && query.take === undefined) return { kind: 'offset', pagination: readPagination(req) };
  // Refused rather than one of them ignored: which page the caller meant is not ours to guess.
  for (const name of ['page', 'per_page']) {
    if (query[name] !== undefined) {
      throw new BadRequestError(
        `Query validation error: 'Cannot be combined with from and take (checkpoint paging)' on property ${name}.`,
        'invalid_query_string',
      );
    }
  }
  parseQuery(checkpointExtras, query);
  return { kind: 'checkpoint', checkpoint: readCheckpointRequest(query, MAX_PER_PAGE) };
}

/** The page of `items` (the whole list) the request asked for, in its shape. */
export function listReply<T>(
  key: string,
  items: readonly T[],
  paging: ListPaging,
  idOf: (item: T) => string,
  toJson: (item: T) => unknown,
): ManagementReply {
  if (paging.kind === 'offset') return pageReply(key, pageOf(items, paging.pagination), paging.pagination, toJson);
  const page = checkpointPage(items, idOf, paging.checkpoint);
  return { body: { [key]: page.items.map(toJson), ...(page.next !== undefined && { next: page.next }) } };
}

import type { Request } from 'express';
import { z } from 'zod';
import type { Page, PageRequest } from '../domain/types.js';
import type { ManagementReply } from './route.js';
import { parseQuery } from './validation.js';

/** Auth0's limits: pages are zero-based, 50 items by default, at most 100 per page. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;
/** Far beyond any list a tenant holds, and small enough that page × per_page stays exact in both stores. */
export const MAX_PAGE = 1_000_000;

/**
 * A whole-number query parameter within [min, max]. Digits only, and at most 15 of them before any
 * arithmetic, so "-1", "1e3", "0x10" and 20-digit numbers are a 400 naming the parameter instead of
 * an imprecise number that fails deep in a store as a 500.
 */
export function wholeNumberParam(min: number, max: number) {
  const message = `Must be a whole number from ${min} to ${max}`;
  return z
    .string({ error: message })
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

export const paginationQuery = z.object({
  page: wholeNumberParam(0, MAX_PAGE).default(0),
  per_page: wholeNumberParam(1, MAX_PER_PAGE).optional(),
  // On lists without checkpoint paging (list_paging.ts has it), `take` is read as the page size and
  // `from` (continue after this id) is refused rather than ignored, since ignoring it would answer
  // the first page forever.
  take: wholeNumberParam(1, MAX_PER_PAGE).optional(),
  from: z.undefined({ error: 'Checkpoint pagination is not supported; use page and per_page' }).optional(),
  include_totals: z.enum(['true', 'false'], { error: 'Must be true or false' }).default('false').transform((value) => value === 'true'),
});

/** The paging parameters every list understands (for ManagementRoute.query). */
export const PAGE_PARAMS: readonly string[] = Object.keys(paginationQuery.shape);

export interface Pagination extends PageRequest {
  includeTotals: boolean;
}

export function readPagination(req: Request): Pagination {
  const query = parseQuery(paginationQuery.loose(), req.query);
  return { page: query.page, perPage: query.per_page ?? query.take ?? DEFAULT_PER_PAGE, includeTotals: query.include_totals };
}

/** One page of an in-memory list (connections are few and are listed whole by the store). */
export function pageOf<T>(items: readonly T[], pagination: PageRequest): Page<T> {
  const start = pagination.page * pagination.perPage;
  return { items: items.slice(start, start + pagination.perPage), total: items.length };
}

/**
 * Auth0's two list shapes: a bare array, or with include_totals=true
 * `{ start, limit, length, total, <key>: [...] }`.
 */
export function pageReply<T>(key: string, page: Page<T>, pagination: Pagination, toJson: (item: T) => unknown): ManagementReply {
  const items = page.items.map(toJson);
  if (!pagination.includeTotals) return { body: items };
  return {
    body: {
      start: pagination.page * pagination.perPage,
      limit: pagination.perPage,
      length: items.length,
      total: page.total,
      [key]: items,
    },
  };
}

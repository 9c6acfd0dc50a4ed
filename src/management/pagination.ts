import type { Request } from 'express';
import { z } from 'zod';
import type { Page, PageRequest } from '../domain/types.js';
import type { ManagementReply } from './route.js';
import { parseQuery } from './validation.js';

/** Auth0's limits: pages are zero-based, 50 items by default, at most 100 per page. */
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

const wholeNumber = z.string().regex(/^\d+$/, 'Must be a whole number').transform(Number);

export const paginationQuery = z.object({
  page: wholeNumber.default(0),
  per_page: wholeNumber
    .pipe(z.number().min(1, 'Must be at least 1').max(MAX_PER_PAGE, `Must be at most ${MAX_PER_PAGE}`))
    .default(DEFAULT_PER_PAGE),
  include_totals: z.enum(['true', 'false'], { error: 'Must be true or false' }).default('false').transform((value) => value === 'true'),
});

export interface Pagination extends PageRequest {
  includeTotals: boolean;
}

export function readPagination(req: Request): Pagination {
  const query = parseQuery(paginationQuery.loose(), req.query);
  return { page: query.page, perPage: query.per_page, includeTotals: query.include_totals };
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

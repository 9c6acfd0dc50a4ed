import { AppError } from '../errors/index.js';

/** Page numbers from a query string: zero-based like Auth0's API. */
export const PER_PAGE = 50;
export const MAX_PAGE = 10_000;

/** A query parameter out of its range: a page for people that names it, never a 500. */
export class InvalidQueryParameterError extends AppError {
  readonly status = 400;
  readonly code = 'invalid_query_string';
}

/**
 * The `page` parameter: absent means the first page; anything but a whole number from 0 to MAX_PAGE
 * (a typo, a negative or 20-digit number, a repeated parameter) is refused by name rather than
 * silently read as another page.
 */
export function pageOf(value: unknown): number {
  if (value === undefined || value === '') return 0;
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(page <= MAX_PAGE)) {
    throw new InvalidQueryParameterError(`The query parameter page must be a whole number from 0 to ${MAX_PAGE}.`);
  }
  return page;
}

/** Query strings for the previous and next pages, keeping the filters; undefined where there is none. */
export function pageLinks(page: number, total: number, filters: Record<string, string>) {
  const link = (target: number) => '?' + new URLSearchParams({ ...filters, page: String(target) }).toString();
  return {
    previous: page > 0 ? link(page - 1) : undefined,
    next: (page + 1) * PER_PAGE < total && page < MAX_PAGE ? link(page + 1) : undefined,
    from: total === 0 ? 0 : page * PER_PAGE + 1,
    to: Math.min(total, (page + 1) * PER_PAGE),
    total,
  };
}

/** The items on `page` of a list read whole and paged here (sorted in memory first, say). */
export function pageSlice<T>(items: readonly T[], page: number): T[] {
  return items.slice(page * PER_PAGE, (page + 1) * PER_PAGE);
}

import type { PageRequest } from '../domain/types.js';

/** Both adapters page the same way; a negative or fractional page is a caller bug, not an empty page. */
export function pageWindow(page: PageRequest): { offset: number; limit: number } {
  if (!Number.isInteger(page.page) || page.page < 0) throw new RangeError(`page must be a whole number ≥ 0, got ${page.page}`);
  if (!Number.isInteger(page.perPage) || page.perPage < 1) {
    throw new RangeError(`perPage must be a whole number ≥ 1, got ${page.perPage}`);
  }
  return { offset: page.page * page.perPage, limit: page.perPage };
}

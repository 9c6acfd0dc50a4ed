import { BadRequestError } from '../../errors/index.js';

/**
 * `sort` of GET /api/v2/users, in Auth0's form `field:1` (ascending) or `field:-1` (descending).
 * fitgate answers the one order both stores keep an index for: newest first, which is the list's own
 * order when there is no q (a search comes in index order, and ordering its matches would mean
 * reading all of them). Any other sort is a 400 that says so, as an unsupported q is, never ignored:
 * a script paging through `created_at:1` would otherwise be handed the list backwards.
 */
export const SUPPORTED_USER_SORT = 'Supported: created_at:-1 (newest first, the order of the list without q)';

const NEWEST_FIRST = 'created_at:-1';
const AUTH0_SORT = /^[A-Za-z0-9_.]+:(1|-1)$/;

/** Refuses a sort fitgate cannot answer; a blank or absent sort asks for nothing. */
export function checkUserSort(sort: string | undefined, searching: boolean): void {
  if (sort === undefined || sort === '') return;
  if (!AUTH0_SORT.test(sort)) refuse('Must be field:1 or field:-1');
  if (sort !== NEWEST_FIRST) refuse(`sorting by ${sort} is not supported`);
  if (searching) refuse('sort cannot be combined with q: search results come in index order');
}

function refuse(problem: string): never {
  throw new BadRequestError(`Query validation error: '${problem}. ${SUPPORTED_USER_SORT}' on property sort.`, 'invalid_query_string');
}

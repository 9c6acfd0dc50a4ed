import { BadRequestError } from '../../errors/index.js';

/**
 * `sort` of GET /logs and /users/{id}/logs, in Auth0's form: `date:-1` (newest first, the default)
 * or `date:1` (oldest first), which both stores read from the same index. Any other sort is a 400
 * naming `sort` rather than ignored: a script paging oldest first would otherwise be handed the
 * newest events without knowing. An empty `sort=` asks for nothing.
 */
const SUPPORTED = 'Supported: date:-1 (newest first, the default) and date:1 (oldest first)';

/** Whether the request asks for the oldest events first. */
export function readLogSort(query: Record<string, unknown>): { oldestFirst: boolean } {
  const { sort } = query;
  if (sort === undefined || sort === '' || sort === 'date:-1') return { oldestFirst: false };
  if (sort === 'date:1') return { oldestFirst: true };
  const problem = typeof sort === 'string' && /^[A-Za-z0-9_.]+:(1|-1)$/.test(sort) ? `sorting by ${sort} is not supported` : 'Must be field:1 or field:-1';
  throw new BadRequestError(`Query validation error: '${problem}. ${SUPPORTED}' on property sort.`, 'invalid_query_string');
}

import { z } from 'zod';
import { LOG_EVENT_ID } from '../../domain/log_events.js';
import type { LogCheckpoint } from '../../domain/ports.js';
import { DEFAULT_TAKE } from '../checkpoint.js';
import { MAX_PER_PAGE, paginationQuery, wholeNumberParam } from '../pagination.js';
import { parseQuery } from '../validation.js';

// Auth0 ignores the other parameters with `from`, but an out-of-range number is still a 400 naming it.
const checkpointQuery = paginationQuery.omit({ from: true, take: true }).extend({
  from: z.string().regex(LOG_EVENT_ID, 'Must be a log_id returned by this API'),
  take: wholeNumberParam(1, MAX_PER_PAGE).default(DEFAULT_TAKE),
});

/**
 * Checkpoint paging (`from`, `take`), what log exporters use: the events after `from`, oldest
 * first. Undefined when the request has no `from` (ordinary page / per_page paging).
 */
export function readCheckpoint(query: Record<string, unknown>): LogCheckpoint | undefined {
  if (query.from === undefined) return undefined;
  const { from, take } = parseQuery(checkpointQuery.loose(), query);
  return { from, take };
}

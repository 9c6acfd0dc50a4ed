import { z } from 'zod';
import { BadRequestError } from '../../errors/index.js';
import { parseQuery } from '../validation.js';

export interface LogFilter {
  type?: string;
  userId?: string;
}

const logListQuery = z.looseObject({
  type: z.string().min(1).max(32).optional(),
  user_id: z.string().min(1).max(300).optional(),
  q: z.string().max(500).optional(),
});

// Auth0 filters logs with a Lucene `q`; fitgate understands the two clauses its log can answer,
// joined by AND: type:<code> and user_id:"<id>" (quotes optional).
const CLAUSE = /^(type|user_id):(?:"([^"]*)"|(\S+))$/;

/** The filter from `type`, `user_id` or Auth0's `q=type:s AND user_id:"fitbit|X"`. */
export function readLogFilter(query: unknown): LogFilter {
  const { type, user_id: userId, q } = parseQuery(logListQuery, query);
  const filter: LogFilter = {};
  if (type) filter.type = type;
  if (userId) filter.userId = userId;
  for (const clause of q ? q.split(/\s+AND\s+/) : []) {
    const match = CLAUSE.exec(clause.trim());
    if (!match) {
      throw new BadRequestError(
        `Query validation error: 'Unsupported clause ${JSON.stringify(clause)}; use type:<code> and user_id:"<id>" joined by AND' on property q.`,
        'invalid_query_string',
      );
    }
    const value = match[2] ?? match[3] ?? '';
    if (match[1] === 'type') filter.type = value;
    else filter.userId = value;
  }
  return filter;
}

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
  search: z.string().max(500).optional(),
});

export const LOG_FILTER_PARAMS: readonly string[] = Object.keys(logListQuery.shape);

// Auth0 filters logs with a Lucene `q` (and node-auth0 v7 with `search`, clauses joined by spaces);
// fitgate understands the two clauses its log indexes answer, each an exact value: type:<code> and
// user_id:"<id>" (quotes optional), joined by AND or by spaces.
const CLAUSE = /^(type|user_id):(?:"([^"]*)"|([^\s"]+))$/;

/** The filter from `type`, `user_id`, Auth0's `q=type:s AND user_id:"fitbit|X"` and v7's `search=type:s user_id:"fitbit|X"`. */
export function readLogFilter(query: unknown): LogFilter {
  const { type, user_id: userId, q, search } = parseQuery(logListQuery, query);
  const filter: LogFilter = {};
  if (type) filter.type = type;
  if (userId) filter.userId = userId;
  for (const [property, text] of [['q', q], ['search', search]] as const) {
    for (const clause of text ? clausesOf(text, property) : []) addClause(filter, property, clause);
  }
  return filter;
}

/**
 * Clauses separated by spaces or AND; a quoted value keeps its spaces. An AND must stand between two
 * clauses: "type:s AND" or "AND AND" is a query cut short or mistyped, and Lucene refuses it too,
 * so it is a 400 rather than read as the clauses it does hold.
 */
function clausesOf(text: string, property: 'q' | 'search'): string[] {
  const words = text.replace(/:\s*"/g, ':"').match(/\S+:"[^"]*"|\S+/g) ?? [];
  const clauses: string[] = [];
  let afterAnd = false;
  for (const word of words) {
    if (word === 'AND') {
      if (clauses.length === 0 || afterAnd) refuse(property, 'AND must stand between two clauses');
      afterAnd = true;
      continue;
    }
    clauses.push(word);
    afterAnd = false;
  }
  if (afterAnd) refuse(property, 'The query ends with AND; add the clause it joins, or remove it');
  return clauses;
}

function refuse(property: 'q' | 'search', problem: string): never {
  throw new BadRequestError(`Query validation error: '${problem}' on property ${property}.`, 'invalid_query_string');
}

function addClause(filter: LogFilter, property: 'q' | 'search', clause: string): void {
  const match = CLAUSE.exec(clause);
  if (!match) {
    throw new BadRequestError(
      `Query validation error: 'Unsupported clause ${JSON.stringify(clause)}; use type:<code> and user_id:"<id>" joined by AND' on property ${property}.`,
      'invalid_query_string',
    );
  }
  const key = match[1] === 'type' ? 'type' : 'userId';
  const value = match[2] ?? match[3] ?? '';
  if (filter[key] !== undefined && filter[key] !== value) {
    throw new BadRequestError(
      `Query validation error: 'Conflicting ${match[1]} values ${JSON.stringify(filter[key])} and ${JSON.stringify(value)}' on property ${property}.`,
      'invalid_query_string',
    );
  }
  filter[key] = value;
}

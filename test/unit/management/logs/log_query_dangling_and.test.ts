import { describe, expect, it } from '@jest/globals';
import { BadRequestError } from '../../../../src/errors/index.js';
import { readLogFilter } from '../../../../src/management/logs/log_filter.js';

function refusal(query: Record<string, string>): BadRequestError {
  try {
    readLogFilter(query);
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error('expected a BadRequestError');
}

/** An AND of the logs query must join two clauses: one at either end, or two in a row, is a 400 naming it. */
describe('an AND without a clause on each side in the logs query', () => {
  it('refuses a trailing AND, as a query cut short', () => {
    const error = refusal({ q: 'type:s AND' });
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_query_string');
    expect(error.description).toBe("Query validation error: 'The query ends with AND; add the clause it joins, or remove it' on property q.");
  });

  it.each([
    ['a leading AND', 'AND type:s'],
    ['two ANDs in a row', 'type:s AND AND user_id:"fitbit|X"'],
    ['AND alone', 'AND'],
  ])('refuses %s', (_case, q) => {
    expect(refusal({ q }).description).toBe("Query validation error: 'AND must stand between two clauses' on property q.");
  });

  it('names search when the AND is there', () => {
    expect(refusal({ search: 'type:s AND' }).description).toMatch(/on property search\.$/);
  });

  it('still reads an AND between two clauses', () => {
    expect(readLogFilter({ q: 'type:s AND user_id:"fitbit|X"' })).toEqual({ type: 's', userId: 'fitbit|X' });
  });
});

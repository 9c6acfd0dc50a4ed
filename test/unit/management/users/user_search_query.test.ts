import { describe, expect, it } from '@jest/globals';
import { parseUserQuery } from '../../../../src/management/users/user_search_query.js';

const search = (q: string) => {
  const parsed = parseUserQuery(q);
  if (parsed?.kind !== 'search') throw new Error(`not a structured search: ${q}`);
  return parsed.search.any.map((group) => group.all);
};

describe('the user search query (q)', () => {
  it('keeps a bare term as today’s prefix search, with or without a trailing *', () => {
    expect(parseUserQuery('grace h')).toEqual({ kind: 'prefix', q: 'grace h' });
    expect(parseUserQuery('ada*')).toEqual({ kind: 'prefix', q: 'ada' });
    expect(parseUserQuery('jean-luc+tag@example.com')).toEqual({ kind: 'prefix', q: 'jean-luc+tag@example.com' });
  });

  it('is no search when blank', () => {
    expect(parseUserQuery('   ')).toBeUndefined();
  });

  it('reads a quoted exact value', () => {
    expect(search('email:"ada@example.com"')).toEqual([[{ field: 'email', match: 'exact', value: 'ada@example.com' }]]);
    expect(search('user_id:"fitbit|GGNJL9"')).toEqual([[{ field: 'user_id', match: 'exact', value: 'fitbit|GGNJL9' }]]);
  });

  it('keeps the spaces of a quoted phrase', () => {
    expect(search('name:"Ada Lovelace"')).toEqual([[{ field: 'name', match: 'exact', value: 'Ada Lovelace' }]]);
  });

  it('reads a trailing * as a prefix', () => {
    expect(search('name:ada*')).toEqual([[{ field: 'name', match: 'prefix', value: 'ada' }]]);
  });

  it('reads identities.connection and blocked', () => {
    expect(search('identities.connection:"fitbit" AND blocked:true')).toEqual([
      [
        { field: 'identities.connection', match: 'exact', value: 'fitbit' },
        { field: 'blocked', match: 'exact', value: 'true' },
      ],
    ]);
  });

  it('binds AND tighter than OR', () => {
    expect(search('name:ada* AND blocked:false OR email:"x@y.z"')).toEqual([
      [
        { field: 'name', match: 'prefix', value: 'ada' },
        { field: 'blocked', match: 'exact', value: 'false' },
      ],
      [{ field: 'email', match: 'exact', value: 'x@y.z' }],
    ]);
  });

  it('reads a bare term beside fielded clauses as a prefix of any field', () => {
    expect(search('ada AND blocked:true')).toEqual([
      [
        { field: 'any', match: 'prefix', value: 'ada' },
        { field: 'blocked', match: 'exact', value: 'true' },
      ],
    ]);
  });

  it.each([
    ['phone_number:"+1555"', /the field "phone_number" is not searchable/],
    ['name:*ada', /only a trailing \* is supported/],
    ['name:a?a', /not supported/],
    ['(name:ada OR name:alan)', /not supported/],
    ['name:ada NOT blocked:true', /"NOT" is not supported/],
    ['name:ada blocked:true', /clauses must be joined by AND or OR/],
    ['name:ada AND', /ends with an operator/],
    ['OR name:ada', /must stand between two clauses/],
    ['blocked:yes', /blocked must be true or false/],
    ['identities.connection:fit*', /does not support a trailing \*/],
    ['email:"ada@example.com', /not closed/],
    ['"Ada Lovelace"', /a quoted phrase needs a field/],
    ['created_at:[2024 TO 2025]', /not supported/],
  ])('refuses %s, saying what is supported', (q, problem) => {
    const attempt = () => parseUserQuery(q);
    expect(attempt).toThrow(problem);
    expect(attempt).toThrow(/Supported: email, name, user_id, identities\.connection and blocked .* on property q\.$/);
  });
});

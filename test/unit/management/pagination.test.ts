import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { pageOf, pageReply, readPagination } from '../../../src/management/pagination.js';

const requestWith = (query: Record<string, string>) => ({ query }) as unknown as Request;

describe('Management API pagination', () => {
  it('defaults to the first page of 50 without totals, as Auth0 does', () => {
    expect(readPagination(requestWith({}))).toEqual({ page: 0, perPage: 50, includeTotals: false });
  });

  it('reads page, per_page and include_totals', () => {
    expect(readPagination(requestWith({ page: '3', per_page: '100', include_totals: 'true' }))).toEqual({ page: 3, perPage: 100, includeTotals: true });
  });

  it.each([
    [{ per_page: '101' }, 'per_page'],
    [{ per_page: '0' }, 'per_page'],
    [{ page: '1.5' }, 'page'],
    [{ include_totals: '1' }, 'include_totals'],
    [{ page: '99999999999999999999' }, 'page'],
    [{ page: '1000001' }, 'page'],
    [{ page: '-1' }, 'page'],
    [{ take: '101' }, 'take'],
    [{ from: '5f3a' }, 'from'],
  ])('refuses %j naming %s', (query, field) => {
    expect(() => readPagination(requestWith(query))).toThrow(new RegExp(`on property ${field}\\.$`));
  });

  it('reads take as the page size when per_page is absent', () => {
    expect(readPagination(requestWith({ take: '10' }))).toEqual({ page: 0, perPage: 10, includeTotals: false });
    expect(readPagination(requestWith({ take: '10', per_page: '20' }))).toEqual({ page: 0, perPage: 20, includeTotals: false });
  });

  it('says what range a number must be in', () => {
    expect(() => readPagination(requestWith({ per_page: '500' }))).toThrow("'Must be a whole number from 1 to 100' on property per_page.");
  });

  it('answers a bare array without include_totals', () => {
    const reply = pageReply('users', { items: [1, 2], total: 9 }, { page: 0, perPage: 2, includeTotals: false }, (n) => ({ n }));
    expect(reply.body).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('wraps the page as {start, limit, length, total, <key>} with include_totals', () => {
    const reply = pageReply('logs', { items: ['e'], total: 5 }, { page: 2, perPage: 2, includeTotals: true }, (item) => item);
    expect(reply.body).toEqual({ start: 4, limit: 2, length: 1, total: 5, logs: ['e'] });
  });

  it('pages an in-memory list', () => {
    expect(pageOf(['a', 'b', 'c', 'd', 'e'], { page: 1, perPage: 2 })).toEqual({ items: ['c', 'd'], total: 5 });
    expect(pageOf(['a'], { page: 4, perPage: 2 })).toEqual({ items: [], total: 1 });
  });
});
